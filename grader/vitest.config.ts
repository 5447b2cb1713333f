import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/*.test.ts", "test/instructor/*.test.ts"],
    // The end-to-end tests start the grader as a real process, which grades real exercises: on a busy 2-core
    // machine that takes tens of seconds. A hang is still caught, by the grader's own limits first.
    testTimeout: 180_000,
    hookTimeout: 180_000,
    globalSetup: ["test/support/global-setup.ts"],
  },
});
