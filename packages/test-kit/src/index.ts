export { captureConsole } from "./console.ts";
export { TARGET_ENV, targetFile } from "./target.ts";
