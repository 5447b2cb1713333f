import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // test/instructor/: the end-to-end test runs the bench and grades the solutions, which only the instructor's
    // edition has.
    include: ["test/*.test.ts", "test/instructor/*.test.ts"],
    // The end-to-end test starts the workshop's tools as real processes, twice each: tens of seconds on a busy
    // 2-core machine.
    testTimeout: 120_000,
  },
});
