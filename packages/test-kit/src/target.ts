import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { TARGET_ENV } from "./target-env.js";

export { TARGET_ENV };

/**
 * The path of `file` in the exercise under test, for tests that need a path rather than an import
 * (running a script as a child process, reading a written plot).
 *
 * `testFileUrl` is the test's own `import.meta.url`: the exercise id is the name of its folder (or of the folder
 * above, for a hidden test).
 */
export function targetFile(testFileUrl: string, file: string): string {
  const folder = dirname(fileURLToPath(testFileUrl));
  // A hidden test sits in the exercise's hidden/ folder.
  const testDir = basename(folder) === "hidden" ? dirname(folder) : folder;
  const target = process.env[TARGET_ENV] ?? dirname(testDir);
  return join(target, basename(testDir), file);
}
