import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/*.test.ts", "test/instructor/*.test.ts"],
    // The end-to-end tests start the grader as a real process, which grades real exercises: on a busy 2-core
    // machine that takes tens of seconds. A hang is still caught, by the grader's own limits first.
    testTimeout: 180_000,
    hookTimeout: 180_000,
    // Those tests spend much of their time waiting for the processes they start (an endless loop is waited out to
    // its limit), so two test files run at once even on two cores, where vitest's default is one: the suite takes
    // a quarter less time, and every test already holds on a busy machine.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    globalSetup: ["test/support/global-setup.ts"],
  },
});
