import { basename, dirname, join, relative, resolve, sep } from "node:path";
import type { Plugin } from "vitest/config";

/**
 * Lets one test file serve every tree: the test in `exercises/NN-slug/` imports `./code.ts`, and this plugin
 * resolves that import to `<target>/NN-slug/code.ts`. The tests are written once, next to the starter a learner
 * reads, and prove the solutions without being copied.
 *
 * Only relative imports made by a test file are redirected; the code under test resolves its own imports
 * in its own tree.
 */
export function redirectExerciseImports(exercisesDir: string, targetDir: string): Plugin {
  const exercises = resolve(exercisesDir);
  const target = resolve(targetDir);
  return {
    name: "workshop:redirect-exercise-imports",
    enforce: "pre",
    async resolveId(source, importer, options) {
      if (target === exercises || !importer) return null;
      // A tree outside the workshop (a learner's submission in a temporary folder) has no node_modules of its
      // own: its package imports (@workshop/core, ...) resolve as they would from exercises/.
      if (!source.startsWith(".") && !source.startsWith("/") && !source.startsWith("\0")) {
        if (!importer.startsWith(`${target}${sep}`)) return null;
        return this.resolve(source, join(exercises, "package.json"), { ...options, skipSelf: true });
      }
      if (!source.startsWith(".")) return null;
      const importerPath = importer.split("?")[0] ?? importer;
      if (!/\.test\.ts$/.test(importerPath)) return null;
      const testDir = dirname(importerPath);
      if (dirname(testDir) !== exercises) return null;
      const wanted = resolve(testDir, source);
      const inExercise = relative(testDir, wanted);
      if (inExercise.startsWith("..") || inExercise.includes(`..${sep}`)) return null;
      // A missing file is redirected all the same, so the error names the file the learner must create.
      return join(target, basename(testDir), inExercise);
    },
  };
}
