// 09-script-with-main: the parallel part of the module (the lesson's calc_pi package).
//
// Write `calcPiSplit(pool, samplesPerTask, tasks)` as in exercise 08: copy yours over if you like.
// Check with `pnpm grade 9`.
import type { PiPool } from "@workshop/core";

/**
 * Estimates pi with `tasks` tasks of `samplesPerTask` samples each, all running on `pool` at the same time,
 * and returns the mean of their estimates: the lesson's `calc_pi_split(N, M)`, as in exercise 08.
 */
export async function calcPiSplit(pool: PiPool, samplesPerTask: number, tasks: number): Promise<number> {
  // TODO: exercise 08's calcPiSplit: `tasks` tasks of `samplesPerTask` samples at the same time, their mean.
  throw new Error("TODO: 09-script-with-main: write calcPiSplit(pool, samplesPerTask, tasks)");
}
