// 05-gather-counters: the lesson is in README.md beside this file.
//
// Write `counter(name)`, which prints `Earth      000` ... `Earth      004` with a 200 ms sleep after each
// line, and `earthAndMoon()`, which runs two counters at the same time with `Promise.all`.
// Check with `pnpm grade 5`.

import { sleep } from "@workshop/core";

/** Prints `name` and a count from 000 to 004, one line every 200 ms, like the lesson's `counter(name)`. */
export async function counter(name: string): Promise<void> {
  // TODO: five times (i = 0 to 4): print the name padded to 10 characters, a space and i padded to 3 digits
  // (`Earth      000`), then `await sleep(200)`.
  throw new Error("TODO: 05-gather-counters: write counter(name)");
}

/** Runs `counter("Earth")` and `counter("Moon")` concurrently and resolves when both are done. */
export async function earthAndMoon(): Promise<void> {
  // TODO: start both counters and wait for both with `Promise.all`, so that their sleeps overlap.
  throw new Error("TODO: 05-gather-counters: write earthAndMoon()");
}
