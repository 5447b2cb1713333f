// 09-script-with-main: the parallel part of the module (the lesson's calc_pi package).
// The lesson is in exercises/09-script-with-main/README.md.
import type { PiPool } from "@workshop/core";

/**
 * Estimates pi with `tasks` tasks of `samplesPerTask` samples each, all running on `pool` at the same time,
 * and returns the mean of their estimates: the lesson's `calc_pi_split(N, M)`, as in exercise 08.
 */
export async function calcPiSplit(pool: PiPool, samplesPerTask: number, tasks: number): Promise<number> {
  if (!Number.isSafeInteger(tasks) || tasks < 1) {
    throw new RangeError(`tasks must be a whole number, at least 1; got ${tasks}`);
  }
  // All the tasks are handed to the pool before we wait for any, so they run side by side; each `pool.run`
  // draws its own seed, so no two tasks repeat each other's samples.
  const estimates = await Promise.all(Array.from({ length: tasks }, () => pool.run(samplesPerTask)));
  return estimates.reduce((sum, estimate) => sum + estimate, 0) / tasks;
}
