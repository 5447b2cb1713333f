#!/usr/bin/env node
// `pnpm instructor`: the instructors' and maintainers' commands (src/cli/instructor.ts).
import { launch } from "./launch.js";

await launch("instructor");
