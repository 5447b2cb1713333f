import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The environment variable that names the tree under test: an absolute path to a folder laid out like
 * `exercises/` (one `NN-slug/` folder per exercise). Unset, the tests run against the starters beside them.
 */
export const TARGET_ENV = "WORKSHOP_TARGET";

/**
 * The path of `file` in the exercise under test, for tests that need a path rather than an import
 * (running a script as a child process, reading a written plot).
 *
 * `testFileUrl` is the test's own `import.meta.url`: the exercise id is the name of its folder.
 */
export function targetFile(testFileUrl: string, file: string): string {
  const testDir = dirname(fileURLToPath(testFileUrl));
  const target = process.env[TARGET_ENV] ?? dirname(testDir);
  return join(target, basename(testDir), file);
}
