// A vitest setup file for every exercise test: after a test file, no worker pool that its code created may be
// left open. piscina lets a process exit with its threads still running, so nothing else would notice.
//
// The pools are counted through the global symbol @workshop/core keeps them under, not by importing the package:
// that import cost every test file about 0.3 s, also those of exercises that never make a pool.
import { openLearnerPools } from "@workshop/sandbox/in-test";
import { afterAll, expect } from "vitest";

const OPEN_POOLS = Symbol.for("@workshop/core open pools");

afterAll(() => {
  // Setup-file hooks run after the test file's own, so the tests' own pools are closed by now.
  // In a graded run the learner's code runs in a process of its own: its pools are there.
  const open = ((globalThis as Record<symbol, Set<unknown> | undefined>)[OPEN_POOLS]?.size ?? 0) + openLearnerPools();
  expect(
    open,
    "a worker pool was left open: close every pool you create, with `await pool.close()` or `await using`",
  ).toBe(0);
});
