import type { PiTask, PiTaskResult } from "./task.ts";

/**
 * The messages between the pool and a worker, as flat arrays of numbers rather than arrays of objects.
 *
 * A thread receives a copy of every message (a structured clone), and copying objects costs about a microsecond
 * per task each way, as much as a whole small task; a `Float64Array` of the same numbers copies in a few
 * nanoseconds per task. Every number here fits a float64 exactly: sample counts are safe integers, seeds and
 * hits 32-bit integers, times milliseconds.
 */

/** What a worker sends back for a batch: its thread, and `hits, startedAt, endedAt` for each task in order. */
export interface BatchReply {
  threadId: number;
  timings: Float64Array;
}

/** The fields of one task in a batch message, and of one task's outcome in a reply. */
const TASK_FIELDS = 2;
const OUTCOME_FIELDS = 3;

/** `samples, seed` for each task, in order. */
export function encodeBatch(tasks: readonly PiTask[]): Float64Array {
  const message = new Float64Array(tasks.length * TASK_FIELDS);
  tasks.forEach(({ samples, seed }, i) => {
    message[i * TASK_FIELDS] = samples;
    message[i * TASK_FIELDS + 1] = seed;
  });
  return message;
}

/** Runs each task of a batch message with `run`, in order, and packs the outcomes into a reply. */
export function runBatch(
  message: Float64Array,
  threadId: number,
  run: (task: PiTask) => { hits: number; startedAt: number; endedAt: number },
): BatchReply {
  const count = message.length / TASK_FIELDS;
  const timings = new Float64Array(count * OUTCOME_FIELDS);
  for (let i = 0; i < count; i++) {
    const { hits, startedAt, endedAt } = run({
      samples: message[i * TASK_FIELDS] as number,
      seed: message[i * TASK_FIELDS + 1] as number,
    });
    timings[i * OUTCOME_FIELDS] = hits;
    timings[i * OUTCOME_FIELDS + 1] = startedAt;
    timings[i * OUTCOME_FIELDS + 2] = endedAt;
  }
  return { threadId, timings };
}

/** The results of the tasks of a batch, from the tasks that were sent and the worker's reply. */
export function decodeReply(tasks: readonly PiTask[], { threadId, timings }: BatchReply): PiTaskResult[] {
  if (timings.length !== tasks.length * OUTCOME_FIELDS) {
    throw new Error(`a worker answered ${timings.length / OUTCOME_FIELDS} tasks of a batch of ${tasks.length}`);
  }
  return tasks.map(({ samples, seed }, i) => ({
    samples,
    seed,
    hits: timings[i * OUTCOME_FIELDS] as number,
    threadId,
    startedAt: timings[i * OUTCOME_FIELDS + 1] as number,
    endedAt: timings[i * OUTCOME_FIELDS + 2] as number,
  }));
}
