import { defineConfig } from "vitest/config";
import { LongestFirst } from "./test/support/longest-first.ts";

/**
 * Two suites. `pnpm test` runs `unit`: pure modules, and the pipeline in-process (curriculum-check grades every
 * starter), in about a minute. `pnpm test:e2e` runs the rest, each file starting the grader as a real process on
 * real exercises (a class batch, the sandbox's attacks, the learner edition), in the order below: the files that
 * time a speedup or load the machine for minutes run after the others, alone, so that nothing slows them.
 */
const E2E = "test/**/*.e2e.test.ts";
/** The speedup check must pass 08's reference split on a machine left to it. */
const IDLE_SPEEDUP = "test/instructor/speedup-idle.e2e.test.ts";
/** The instructor guide's test adds an exercise to a copy, then runs the copy's whole `pnpm test`. */
const GUIDE = "test/instructor/adding-an-exercise.e2e.test.ts";

export default defineConfig({
  test: {
    // The end-to-end tests start the grader as a real process, which grades real exercises: on a busy 2-core
    // machine that takes tens of seconds. A hang is still caught, by the grader's own limits first.
    testTimeout: 180_000,
    hookTimeout: 180_000,
    globalSetup: ["test/support/global-setup.ts"],
    sequence: { sequencer: LongestFirst },
    // Left out by negated patterns, not `exclude`: a project's `exclude` would drop the command line's. (The learner
    // edition has no test/instructor/, so its e2e projects are empty: test:e2e passes with no tests there.)
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["test/*.test.ts", "test/instructor/*.test.ts", `!${E2E}`],
          // A group of its own: a run of files from both suites (test:cores) runs the unit files first, with
          // vitest's own number of workers, then the e2e files two at a time.
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          name: "e2e",
          include: [E2E, `!${IDLE_SPEEDUP}`, `!${GUIDE}`],
          sequence: { groupOrder: 1 },
          // Two files at a time, whatever the cores: each spends much of its time waiting on the processes it
          // starts, and two at once take the suite from 12 to 7 minutes on 2 cores. Every timing in them accepts a
          // busy machine's verdict; the one that may not runs alone, below.
          maxWorkers: 2,
        },
      },
      {
        extends: true,
        test: {
          name: "e2e: idle speedup",
          include: [IDLE_SPEEDUP],
          sequence: { groupOrder: 2 },
        },
      },
      {
        extends: true,
        test: { name: "e2e: instructor guide", include: [GUIDE], sequence: { groupOrder: 3 } },
      },
    ],
  },
});
