// @ts-check
// Plain JavaScript (type-checked through JSDoc): the grader's plain-Node test process builds its vitest config
// from it directly, which starts vitest sooner than loading a config file through vite's module runner.
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { LEARNER_CHANNELS_ENV } from "@workshop/sandbox/in-test";
import { defineConfig } from "vitest/config";
import { GRADED_ENV } from "./graded-env.js";
import { redirectExerciseImports } from "./redirect-plugin.js";
import { TARGET_ENV } from "./target-env.js";

/**
 * @typedef {object} ExerciseConfigOptions
 * @property {string} exercisesDir The folder that holds the exercise tests, one `NN-slug/` folder each.
 * @property {string} [target] The tree whose code the tests import; defaults to `$WORKSHOP_TARGET`, then to
 *   `exercisesDir` itself.
 * @property {boolean} [hiddenTests] Also run the hidden tests (`NN-slug/hidden/*.test.ts`): for proving the
 *   solutions against them.
 */

/**
 * The one vitest config behind every run of the exercise tests: from the editor, from `pnpm test` against
 * the solutions, and from the grader against a learner's tree.
 *
 * @param {ExerciseConfigOptions} options
 */
export function exerciseConfig({ exercisesDir, target, hiddenTests = false }) {
  const targetDir = resolve(target ?? process.env[TARGET_ENV] ?? exercisesDir);
  // Set by the judge's test process when the learner's code runs in processes of their own (a graded run).
  const channels = process.env[LEARNER_CHANNELS_ENV];
  return defineConfig({
    plugins: [redirectExerciseImports(exercisesDir, targetDir, process.env[GRADED_ENV] === "1", Boolean(channels))],
    test: {
      root: resolve(exercisesDir),
      include: hiddenTests ? ["*/*.test.ts", "*/hidden/*.test.ts"] : ["*/*.test.ts"],
      pool: "threads",
      setupFiles: [
        fileURLToPath(new URL("./no-open-pools.ts", import.meta.url)),
        fileURLToPath(new URL("./settled-at-once.js", import.meta.url)),
      ],
      // Plain JavaScript that every test file's thread loads (the sandbox's modules): loaded by Node itself, not
      // transformed by vite for every test file of every run. Not the setup files: a thread that runs several
      // files (a graded run's judge) runs them again for each, which vite does and Node's module cache would not.
      server: { deps: { external: [/\/packages\/sandbox\/src\//, /\/packages\/test-kit\/src\/settled-channel\.js$/] } },
      env: {
        [TARGET_ENV]: targetDir,
        ...(channels ? { [LEARNER_CHANNELS_ENV]: channels, TMPDIR: process.env.TMPDIR ?? "/tmp" } : {}),
      },
      // Worker pools and child processes take a moment to start on a busy 2-core machine; real hangs are
      // caught by the grader's wall-clock limit, not by this timeout.
      testTimeout: 20_000,
      hookTimeout: 20_000,
    },
  });
}
