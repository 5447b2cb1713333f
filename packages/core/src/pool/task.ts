/** What the main thread sends a worker: how many points to throw, and the seed of this task's own stream. */
export interface PiTask {
  samples: number;
  seed: number;
}

/**
 * What a worker sends back. Besides the hits, it says which thread ran the task and when, measured on the
 * shared wall clock (`performance.timeOrigin + performance.now()`), so the grader can check that the tasks
 * really ran on worker threads and overlapped in time, and count the samples rather than trust them.
 */
export interface PiTaskResult extends PiTask {
  hits: number;
  threadId: number;
  startedAt: number;
  endedAt: number;
}

/** The shared wall clock in milliseconds, comparable between threads (each thread has its own `performance`). */
export function wallClockMs(): number {
  return performance.timeOrigin + performance.now();
}
