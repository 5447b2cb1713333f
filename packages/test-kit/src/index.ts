export { captureConsole } from "./console.ts";
export { SCRIPT_IMPORTS } from "./script-imports.ts";
export { TARGET_ENV, targetFile } from "./target.ts";
