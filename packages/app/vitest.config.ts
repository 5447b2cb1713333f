import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/*.test.ts"],
    // The browser tests start the app in a copy of the workshop and grade real exercises through it, exercise
    // 10's speedup included: on a busy 2-core machine that takes a minute or two. A hang is still caught.
    testTimeout: 180_000,
    hookTimeout: 120_000,
  },
});
