// 07-pi-in-a-thread: the lesson is in exercises/07-pi-in-a-thread/README.md.

import { calcPi, type PiPool } from "@workshop/core";

/**
 * Estimates pi from `samples` random points on one of the pool's worker threads, like the lesson's
 * `await asyncio.to_thread(calc_pi, N)`. The main thread stays free while the worker computes.
 */
export async function calcPiInThread(pool: PiPool, samples: number): Promise<number> {
  // Only the number crosses to the worker: the worker module already holds the kernel and calls it there.
  // `pool.run(calcPi(samples))` would compute on the main thread first and then hand the pool 3.14...
  return await pool.run(samples);
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
