import { defineConfig } from "vitest/config";

/**
 * The instructor guide's test (adding an exercise, then the copy's whole `pnpm test`) loads the machine for ten
 * minutes: run beside the other files, it would slow their timed checks into flakes. It runs after them, alone.
 */
const GUIDE = "test/instructor/adding-an-exercise.e2e.test.ts";

export default defineConfig({
  test: {
    // The end-to-end tests start the grader as a real process, which grades real exercises: on a busy 2-core
    // machine that takes tens of seconds. A hang is still caught, by the grader's own limits first.
    testTimeout: 180_000,
    hookTimeout: 180_000,
    globalSetup: ["test/support/global-setup.ts"],
    projects: [
      {
        extends: true,
        test: {
          name: "grader",
          // Left out by a negated pattern, not `exclude`: a project's `exclude` would drop the command line's.
          include: ["test/*.test.ts", "test/instructor/*.test.ts", `!${GUIDE}`],
          sequence: { groupOrder: 0 },
        },
      },
      { extends: true, test: { name: "instructor guide", include: [GUIDE], sequence: { groupOrder: 1 } } },
    ],
  },
});
