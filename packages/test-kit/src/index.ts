export { advance } from "@workshop/sandbox/in-test";
export { captureConsole } from "./console.ts";
export { runScript, type ScriptRun } from "./run-script.ts";
export { SCRIPT_IMPORTS } from "./script-imports.ts";
export { TARGET_ENV, targetFile } from "./target.ts";
