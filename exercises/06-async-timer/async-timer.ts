// 06-async-timer: the lesson is in README.md beside this file.
//
// Write `timer()`, a stopwatch for `await using t = timer()` whose `t.time` holds the elapsed seconds once the
// scope ends, and `sleepAndReport(ms)`, which times a sleep with it and prints `that took ... seconds`.
// Check with `pnpm grade 6`.

import { sleep } from "@workshop/core";

/** What `timer()` hands out: `time` is `undefined` until the `await using` scope ends, then the seconds it took. */
export interface Elapsed extends AsyncDisposable {
  time: number | undefined;
}

/**
 * Starts a stopwatch that stops itself when its `await using` scope ends, like the lesson's
 * `async with timer() as t:`.
 */
export function timer(): Elapsed {
  // TODO: return an `Elapsed` whose `time` is undefined until its `await using` scope ends, and then the seconds
  // since timer() was called.
  throw new Error("TODO: 06-async-timer: write timer()");
}

/** Sleeps `ms` milliseconds under a timer, prints `that took ... seconds` and returns those seconds. */
export async function sleepAndReport(ms: number): Promise<number> {
  // TODO: time `await sleep(ms)` with your timer, then print `that took ${seconds} seconds` and return the
  // seconds.
  throw new Error("TODO: 06-async-timer: write sleepAndReport(ms)");
}
