#!/usr/bin/env node
// `pnpm grade`: the learner's commands (src/cli/learner.ts).
import { launch } from "./launch.js";

await launch("learner");
