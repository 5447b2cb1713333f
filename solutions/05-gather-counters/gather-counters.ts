// 05-gather-counters: the lesson is in exercises/05-gather-counters/README.md.

import { sleep } from "@workshop/core";

/** Prints `name` and a count from 000 to 004, one line every 200 ms, like the lesson's `counter(name)`. */
export async function counter(name: string): Promise<void> {
  for (let i = 0; i < 5; i++) {
    // Python's f"{name:<10} {i:03}": the name left-aligned in 10 columns, the count zero-padded to 3 digits.
    console.log(`${name.padEnd(10)} ${String(i).padStart(3, "0")}`);
    // While this counter sleeps, `await` hands the thread back to the event loop, which runs whatever else
    // is ready: that is the only way the other counter ever gets a turn.
    await sleep(200);
  }
}

/** Runs `counter("Earth")` and `counter("Moon")` concurrently and resolves when both are done. */
export async function earthAndMoon(): Promise<void> {
  // Both calls start before either is awaited, so their sleeps overlap: about 1 s in all, not 2 s.
  // `await counter("Earth"); await counter("Moon");` would run them one after the other.
  await Promise.all([counter("Earth"), counter("Moon")]);
}
