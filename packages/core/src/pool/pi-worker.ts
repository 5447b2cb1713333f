/**
 * The worker module the pool loads in every thread. It receives data, never a function: a thread cannot be
 * handed a closure, which is why `pool.run(calcPi(n))` cannot work and `pool.run(n)` does.
 *
 * One message carries a batch of tasks (the pool gathers the tasks started in the same tick), which the thread
 * runs one after the other, timing each on its own: a message costs tens of microseconds, a small task a few.
 */
import { threadId } from "node:worker_threads";
import { countHits } from "../kernel/calc-pi.ts";
import { type BatchReply, runBatch } from "./batch-message.ts";
import { wallClockMs } from "./task.ts";

export default function runPiTasks(message: Float64Array): BatchReply {
  return runBatch(message, threadId, ({ samples, seed }) => {
    const startedAt = wallClockMs();
    const hits = countHits(samples, seed);
    return { hits, startedAt, endedAt: wallClockMs() };
  });
}
