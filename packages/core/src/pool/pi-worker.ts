/**
 * The worker module the pool loads in every thread. It receives data, never a function: a thread cannot be
 * handed a closure, which is why `pool.run(calcPi(n))` cannot work and `pool.run(n)` does.
 */
import { threadId } from "node:worker_threads";
import { countHits } from "../kernel/calc-pi.ts";
import { type PiTask, type PiTaskResult, wallClockMs } from "./task.ts";

export default function runPiTask({ samples, seed }: PiTask): PiTaskResult {
  const startedAt = wallClockMs();
  const hits = countHits(samples, seed);
  return { samples, seed, hits, threadId, startedAt, endedAt: wallClockMs() };
}
