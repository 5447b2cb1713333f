// A vitest setup file for every exercise test: after a test file, no worker pool that its code created may be
// left open. piscina lets a process exit with its threads still running, so nothing else would notice.
import { openPoolCount } from "@workshop/core";
import { afterAll, expect } from "vitest";

afterAll(() => {
  // Setup-file hooks run after the test file's own, so the tests' own pools are closed by now.
  expect(
    openPoolCount(),
    "a worker pool was left open: close every pool you create, with `await pool.close()` or `await using`",
  ).toBe(0);
});
