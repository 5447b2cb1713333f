import type { PiPool } from "@workshop/core";

/**
 * Seconds to run `tasks` tasks of `samplesPerTask` samples on `pool`, all started at once: the lesson's
 * `calc_pi_split`, written as exercise 08's solution writes it.
 */
export async function timeSplit(pool: PiPool, samplesPerTask: number, tasks: number): Promise<number> {
  const start = performance.now();
  await Promise.all(Array.from({ length: tasks }, () => pool.run(samplesPerTask)));
  return (performance.now() - start) / 1000;
}
