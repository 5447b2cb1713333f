import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // `pnpm test` runs `unit`; `pnpm test:e2e` the browser's and the shared progress's, each an app started in a
    // copy of the workshop, grading real exercises. test/instructor/ grades the solutions through the app: the
    // learner edition leaves it out.
    projects: [
      {
        extends: true,
        test: { name: "unit", include: ["test/*.test.ts", "test/instructor/*.test.ts", "!test/**/*.e2e.test.ts"] },
      },
      { extends: true, test: { name: "e2e", include: ["test/**/*.e2e.test.ts"] } },
    ],
    // The browser tests start the app in a copy of the workshop and grade real exercises through it, exercise
    // 10's speedup included: on a busy 2-core machine that takes a minute or two. A hang is still caught.
    testTimeout: 180_000,
    hookTimeout: 120_000,
    // One file at a time: the command's tests and the browser's each start an app with a grading session of its
    // own, and the browser's time a save-to-green and a speedup, which a second app beside them would slow.
    fileParallelism: false,
  },
});
