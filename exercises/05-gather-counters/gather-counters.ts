// 05-gather-counters: the lesson is in README.md beside this file.
//
// Write `counter(name)`, which prints `Earth      000` ... `Earth      004` with a 200 ms sleep after each
// line, and `earthAndMoon()`, which runs two counters at the same time with `Promise.all`.
// Check with `pnpm grade 5`.

import { sleep } from "@workshop/core";

/** Prints `name` and a count from 000 to 004, one line every 200 ms, like the lesson's `counter(name)`. */
export async function counter(name: string): Promise<void> {
  // TODO: print `Earth      000` to `Earth      004` (the name padded to 10 characters, the count to 3 digits),
  // sleeping 200 ms after each line.
  throw new Error("TODO: 05-gather-counters: write counter(name)");
}

/** Runs `counter("Earth")` and `counter("Moon")` concurrently and resolves when both are done. */
export async function earthAndMoon(): Promise<void> {
  // TODO: run counter("Earth") and counter("Moon") at the same time, and finish when both have.
  throw new Error("TODO: 05-gather-counters: write earthAndMoon()");
}
