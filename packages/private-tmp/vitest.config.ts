import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/*.test.ts"],
    // The end-to-end test starts the workshop's tools as real processes, twice each: tens of seconds on a busy
    // 2-core machine.
    testTimeout: 120_000,
  },
});
