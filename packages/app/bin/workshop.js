#!/usr/bin/env node
// `pnpm workshop`: the learner's workshop in the browser (src/main.ts), run from its TypeScript through tsx, as
// the grader's own source is when it is not built. Its temporary folder is made private first, before tsx, which
// keeps its transform cache in the temporary folder, is loaded (imports are evaluated in order).
import "@workshop/private-tmp/register";
import { register } from "tsx/esm/api";

register();
const { main } = await import("../src/main.ts");
await main(process.argv.slice(2));
