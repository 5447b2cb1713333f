// 07-pi-in-a-thread: the lesson is in README.md beside this file.
//
// Write `calcPiInThread(pool, samples)`, which sends the Monte Carlo work to a worker thread of `pool` and
// awaits the estimate: the lesson's `await asyncio.to_thread(calc_pi, N)`. `calcPiOnMainThread` is given, as the
// contrast the tests compare it with. Check with `pnpm grade 7`.

import { calcPi, type PiPool } from "@workshop/core";

/**
 * Estimates pi from `samples` random points on one of the pool's worker threads, like the lesson's
 * `await asyncio.to_thread(calc_pi, N)`. The main thread stays free while the worker computes.
 */
export async function calcPiInThread(pool: PiPool, samples: number): Promise<number> {
  // TODO: estimate pi from `samples` samples on one of the pool's worker threads, and return the estimate.
  throw new Error("TODO: 07-pi-in-a-thread: write calcPiInThread(pool, samples)");
}

/**
 * The contrast, given: the same estimate computed right here, on the main thread.
 *
 * `async` changes nothing about where the work runs. `calcPi` is one synchronous loop, so the whole computation
 * happens inside this call, and the event loop can run nothing else (no timer, no other task) until it is over.
 */
export async function calcPiOnMainThread(samples: number): Promise<number> {
  return calcPi(samples);
}
