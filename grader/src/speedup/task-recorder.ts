import { PiPool, type PiTaskResult } from "@workshop/core";

/**
 * A finished task as the grader recorded it: what the worker sent back, and when (on the main thread's clock,
 * `performance.now()`) the code under test asked for it and got its result.
 */
export interface RecordedTask extends Readonly<PiTaskResult> {
  readonly submittedAt: number;
  readonly settledAt: number;
}

/** A task that some pool in this process was asked to run, under the label that was current when it started. */
interface Entry {
  label: string;
  /** Run by the pool the grader handed to the learner's code (not by one the learner's code made). */
  own: boolean;
  threads: number;
  submittedAt: number;
  /** A copy taken when the task finished, so that nothing the learner's code does later can change it. */
  result?: RecordedTask;
  failed: boolean;
}

/** The tasks started under one label, as they stood when `tasks(label)` was called. */
export interface LabelledTasks {
  /** Tasks of the grader's pool that had finished. */
  finished: RecordedTask[];
  /** Tasks of the grader's pool that were still running. */
  unfinished: number;
  /** Finished tasks of other pools: pools the learner's code made itself. */
  foreign: { threads: number; samples: number }[];
}

/**
 * The grader's own record of every task every pool runs in the speedup process.
 *
 * `pool.tasks` is a public array: code under test can push records into it or edit them, so it proves
 * nothing. This record is kept where the learner's code cannot reach it, filled in from the results the worker
 * threads send back, and copied as they arrive. The samples, threads and timings the gate checks come from
 * here: counted, not trusted.
 */
export class TaskRecorder {
  #label = "unlabelled";
  readonly #entries: Entry[] = [];

  /** Tasks started from now on belong to `label`, until the next `begin`. */
  begin(label: string): void {
    this.#label = label;
  }

  tasks(label: string): LabelledTasks {
    const mine = this.#entries.filter((entry) => entry.label === label);
    const finished: RecordedTask[] = [];
    const foreign: LabelledTasks["foreign"] = [];
    let unfinished = 0;
    for (const entry of mine) {
      if (entry.own && entry.result) finished.push(entry.result);
      else if (entry.own && !entry.failed) unfinished++;
      else if (entry.result) foreign.push({ threads: entry.threads, samples: entry.result.samples });
    }
    return { finished, unfinished, foreign };
  }

  /** Called by the watched `runTask` of every pool. */
  start(own: boolean, threads: number): Entry {
    const entry: Entry = { label: this.#label, own, threads, submittedAt: performance.now(), failed: false };
    this.#entries.push(entry);
    return entry;
  }
}

let watched: TaskRecorder | undefined;

/**
 * Records every task of every `PiPool` in this process from now on, marking those of `own`. `run` calls
 * `runTask`, so watching `runTask` on the class sees both, on the grader's pool and on any pool the learner's
 * code creates with the same `@workshop/core` (which is how a pool of one thread of its own is caught).
 */
export function watchPools(own: PiPool): TaskRecorder {
  if (watched) throw new Error("watchPools: pools are already watched in this process");
  const recorder = new TaskRecorder();
  watched = recorder;
  const runTask = PiPool.prototype.runTask;
  PiPool.prototype.runTask = async function watchedRunTask(this: PiPool, samples: number, seed?: number) {
    const entry = recorder.start(this === own, this.threads);
    try {
      const result = await runTask.call(this, samples, seed);
      entry.result = Object.freeze({ ...result, submittedAt: entry.submittedAt, settledAt: performance.now() });
      return result;
    } catch (error) {
      entry.failed = true;
      throw error;
    }
  };
  return recorder;
}

/**
 * The most tasks the code under test had asked for and not yet got back, at any moment: how many it ran
 * together, as far as it was up to the code. Tasks awaited one after another give 1 however the machine
 * schedules them; tasks started together give their number, even on a machine so busy that the threads ran
 * them in turns (which is the timing gate's business, not the structure's).
 */
export function mostInFlight(tasks: readonly RecordedTask[]): number {
  // A result that came back in the same instant as another task was asked for counts as back first.
  const events = tasks
    .flatMap((task) => [
      { at: task.submittedAt, change: 1 },
      { at: task.settledAt, change: -1 },
    ])
    .sort((a, b) => a.at - b.at || a.change - b.change);
  let inFlight = 0;
  let most = 0;
  for (const { change } of events) {
    inFlight += change;
    most = Math.max(most, inFlight);
  }
  return most;
}
