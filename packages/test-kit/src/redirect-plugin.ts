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
    resolveId(source, importer) {
      if (target === exercises || !importer || !source.startsWith(".")) return null;
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
