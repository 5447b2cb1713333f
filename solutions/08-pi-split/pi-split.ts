// 08-pi-split: the lesson is in exercises/08-pi-split/README.md.
import type { PiPool } from "@workshop/core";

/**
 * Estimates pi with `tasks` tasks of `samplesPerTask` samples each, all running on `pool` at the same time,
 * and returns the mean of their estimates: the lesson's `calc_pi_split(N, M)`.
 */
export async function calcPiSplit(pool: PiPool, samplesPerTask: number, tasks: number): Promise<number> {
  if (!Number.isSafeInteger(tasks) || tasks < 1) {
    throw new RangeError(`tasks must be a whole number, at least 1; got ${tasks}`);
  }
  // Every `pool.run` starts its task the moment it is called, so building the whole array first hands all the
  // tasks to the pool before we wait for any: that is what lets them run side by side on different threads.
  // Awaiting inside a loop instead would start task 2 only after task 1 had finished.
  // Each call draws its own seed from the pool, so the tasks sample different points (see the README).
  const estimates = await Promise.all(Array.from({ length: tasks }, () => pool.run(samplesPerTask)));
  // Every task has the same number of samples, so the plain mean of the estimates is the estimate from all the
  // samples together.
  return estimates.reduce((sum, estimate) => sum + estimate, 0) / tasks;
}
