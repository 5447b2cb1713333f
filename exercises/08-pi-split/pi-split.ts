// 08-pi-split: the lesson is in README.md beside this file.
//
// Write `calcPiSplit(pool, samplesPerTask, tasks)`: start `tasks` tasks of `samplesPerTask` samples on the pool,
// all at once, wait for them together with `Promise.all`, and return the mean of their estimates.
// Check with `pnpm grade 8`.
import type { PiPool } from "@workshop/core";

/**
 * Estimates pi with `tasks` tasks of `samplesPerTask` samples each, all running on `pool` at the same time,
 * and returns the mean of their estimates: the lesson's `calc_pi_split(N, M)`.
 */
export async function calcPiSplit(pool: PiPool, samplesPerTask: number, tasks: number): Promise<number> {
  // TODO: run `tasks` tasks of `samplesPerTask` samples on the pool, all at the same time, and return the mean of
  // their estimates.
  throw new Error("TODO: 08-pi-split: write calcPiSplit(pool, samplesPerTask, tasks)");
}
