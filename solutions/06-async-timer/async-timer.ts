// 06-async-timer: the lesson is in exercises/06-async-timer/README.md.

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
  // performance.now() is monotonic, like Python's perf_counter: it never jumps when the system clock is set.
  const startedAt = performance.now();
  return {
    time: undefined,
    // JavaScript calls this when the scope ends, however it ends: normally, by `return`, or by an exception.
    async [Symbol.asyncDispose](): Promise<void> {
      // performance.now() counts milliseconds; the lesson reports seconds.
      this.time = (performance.now() - startedAt) / 1000;
    },
  };
}

/** Sleeps `ms` milliseconds under a timer, prints `that took ... seconds` and returns those seconds. */
export async function sleepAndReport(ms: number): Promise<number> {
  // The reference lives outside the block, so the timer can still be read after the block has stopped it.
  const t = timer();
  {
    await using _ = t;
    await sleep(ms);
  }
  console.log(`that took ${t.time} seconds`);
  // `time` is always set here: the disposer ran when the block above ended.
  return t.time ?? Number.NaN;
}
