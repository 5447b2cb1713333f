import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";

/**
 * The `node` arguments that run a tree's TypeScript file as a learner's `pnpm exec tsx file.ts` does, in one
 * process, with the tree's imports seen as the exercise tests see them (register-tree-hooks.ts): for tests that
 * run a script rather than import it.
 *
 * Resolved from this package's folder, never from the test's: a hidden test's folder is closed to a graded run's
 * sandbox user, and Node 24 refuses to look for a package.json in a folder it cannot read.
 */
export const SCRIPT_IMPORTS: readonly string[] = [
  "--import",
  pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href,
  "--import",
  new URL("./register-tree-hooks.ts", import.meta.url).href,
];
