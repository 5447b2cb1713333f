import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // `pnpm test` runs `unit`; `pnpm test:e2e` the end-to-end test (test/instructor/), which runs the bench and
    // grades the solutions, which only the instructor's edition has.
    projects: [
      { extends: true, test: { name: "unit", include: ["test/*.test.ts", "!test/**/*.e2e.test.ts"] } },
      // The learner edition has no test/instructor/: test:e2e passes with no tests there.
      { extends: true, test: { name: "e2e", include: ["test/**/*.e2e.test.ts"] } },
    ],
    // The end-to-end test starts the workshop's tools as real processes, twice each: tens of seconds on a busy
    // 2-core machine.
    testTimeout: 120_000,
  },
});
