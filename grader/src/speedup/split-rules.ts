import type { SpeedupProblem } from "../result.ts";
import { type LabelledTasks, mostInFlight } from "./task-recorder.ts";

/** One call of the learner's `calcPiSplit(pool, samplesPerTask, tasks)`, and what the grader saw during it. */
export interface ObservedSplit extends LabelledTasks {
  /** The name the exercise's contract gives the split: `calcPiSplit`. */
  name: string;
  samplesPerTask: number;
  tasks: number;
  /** What the call resolved to; absent when it threw. */
  estimate?: unknown;
  /** The message of what it threw. */
  error?: string;
  /** The main thread's event-loop utilisation over the call: 0 idle, 1 busy all the time. */
  mainThreadBusy: number;
  /** The same as time: how long the main thread was busy during the call, in ms. */
  mainThreadBusyMs: number;
  /** Threads of the pool handed to the call. */
  poolThreads: number;
  /** How long one sample took in the grader's latest serial run, in ms: what the missing work would cost. */
  msPerSample: number;
}

/**
 * Past this share of a call, with work missing from the pool, the main thread may have run the kernel itself. A
 * correct split keeps it under 25% on a quiet machine; on one loaded by other programs, being preempted in the
 * middle of a callback counts as busy, and a garbage collection too: 53% to 76% was seen here. A kernel on the
 * main thread keeps it near 100%.
 */
export const MAIN_THREAD_BUSY_LIMIT = 0.5;
/**
 * ...and if it was busy for at least this share of the time one core needs for the missing samples (from the
 * grader's own serial run). The kernel's own work gives 100% or more; a loaded machine's 20 or 30 ms of noise
 * during a call that only capped its samples gives far less. Either way the work is missing and the call
 * fails: this only decides whether the reason given is the main thread.
 */
export const MAIN_THREAD_SHARE_OF_MISSING_WORK = 0.5;
/** ...and for at least 10 ms: a call that returns at once is "busy" for all of its few microseconds. */
const MAIN_THREAD_BUSY_MIN_MS = 10;
/** Six standard errors: a correct estimate lands further from pi about once in 10^9 calls. */
const STANDARD_ERRORS_ALLOWED = 6;

/** A structural problem: which rule it broke, and the words that name it and say what to do. */
export interface StructuralProblem {
  problem: SpeedupProblem;
  reason: string;
}

/**
 * The first structural problem of one call, in words that name it and say what to do; undefined when the call
 * did what a parallel split must. These checks do not depend on how fast anything ran, so machine noise
 * cannot fail a correct split, and no timing can pass a wrong one: they count what the code asked the pool for
 * and what came back, not how the machine happened to schedule it.
 */
export function splitProblem(call: ObservedSplit, mainThreadId: number): StructuralProblem | undefined {
  const named = `${call.name}(pool, ${call.samplesPerTask}, ${call.tasks})`;
  const asked = call.samplesPerTask * call.tasks;
  if (call.error !== undefined) return { problem: "threw", reason: `${named} threw: ${call.error}` };
  if (typeof call.estimate !== "number" || !Number.isFinite(call.estimate)) {
    return { problem: "not-a-number", reason: `${named} returned ${String(call.estimate)}, not an estimate of pi` };
  }
  const estimate = call.estimate;
  const onPool = sum(call.finished.map((task) => task.samples));
  const busy = Math.round(call.mainThreadBusy * 100);
  // Work missing from the pool while the main thread was busy: the kernel ran there. (A busy main thread while
  // the pool did all the work is no structural fault: a garbage collection can do that to a correct split on a
  // loaded machine. It costs speed, which the timing gate measures.)
  const missingMs = (asked - onPool) * call.msPerSample;
  const mainThreadWorked =
    call.mainThreadBusy > MAIN_THREAD_BUSY_LIMIT &&
    call.mainThreadBusyMs >= Math.max(MAIN_THREAD_BUSY_MIN_MS, MAIN_THREAD_SHARE_OF_MISSING_WORK * missingMs);
  if (onPool < asked && mainThreadWorked) {
    return {
      problem: "main-thread",
      reason:
        `the kernel ran on the main thread: during ${named} the main thread was busy ${busy}% of the time, and ` +
        `the pool's worker threads threw only ${onPool} of the ${asked} samples. Pass the number of samples to ` +
        "pool.run and let the workers call the kernel; the main thread should only start the tasks and wait.",
    };
  }
  if (call.foreign.length > 0) {
    const threads = Math.max(...call.foreign.map((task) => task.threads));
    return {
      problem: "own-pool",
      reason:
        `${named} ran its tasks on a pool of its own, with ${threads} thread${threads === 1 ? "" : "s"}, instead ` +
        `of the pool it was given (${call.poolThreads} threads, one per core). Use the \`pool\` parameter.`,
    };
  }
  if (call.unfinished > 0) {
    return {
      problem: "unfinished-tasks",
      reason:
        `${named} returned while ${call.unfinished} of its tasks were still running: await every task, ` +
        "together with Promise.all, before computing the answer.",
    };
  }
  if (call.finished.length === 0) {
    return {
      problem: "no-tasks",
      reason:
        `${named} returned ${estimate} without running a single task on the pool: a hard-coded or cached pi? ` +
        "Every call must throw its samples anew, in tasks on the pool.",
    };
  }
  if (call.finished.some((task) => task.threadId === mainThreadId)) {
    return {
      problem: "tasks-on-main-thread",
      reason: `${named} ran tasks on the main thread: run them on the pool's worker threads.`,
    };
  }
  if (onPool !== asked || call.finished.length !== call.tasks) {
    return {
      problem: "less-work",
      reason:
        `${named} should throw ${asked} samples in ${call.tasks} tasks, but the pool counted ${onPool} samples in ` +
        `${call.finished.length} tasks: ${onPool < asked ? "less" : "more"} work than asked. Run \`tasks\` ` +
        "tasks of exactly `samplesPerTask` samples each.",
    };
  }
  const parallel = Math.min(call.poolThreads, call.tasks);
  const together = mostInFlight(call.finished);
  if (together < parallel) {
    return {
      problem: "sequential",
      reason:
        `the tasks of ${named} ran one after another: at most ${together} of them had been started and not yet ` +
        "finished at any moment. Start every task first (call pool.run for each and keep the promises), then " +
        "await them all together with Promise.all.",
    };
  }
  const threads = new Set(call.finished.map((task) => task.threadId)).size;
  if (threads < parallel) {
    return {
      problem: "idle-threads",
      reason:
        `the tasks of ${named} ran on only ${threads} of the pool's ${call.poolThreads} threads: start all ` +
        `${call.tasks} tasks at once, so that every thread gets work.`,
    };
  }
  const seeds = new Set(call.finished.map((task) => task.seed)).size;
  if (seeds < call.finished.length) {
    return {
      problem: "shared-seeds",
      reason:
        `the ${call.tasks} tasks of ${named} had only ${seeds} different seeds, so they repeat each other's ` +
        "samples: let pool.run pick a seed for each task (pass none).",
    };
  }
  const mean = sum(call.finished.map((task) => (4 * task.hits) / task.samples)) / call.finished.length;
  if (Math.abs(estimate - mean) > 1e-9) {
    return {
      problem: "not-the-mean",
      reason:
        `${named} returned ${estimate}, but the estimates of the tasks it ran average ${mean}: return the mean of ` +
        "this call's own tasks (a hard-coded or cached pi gives itself away here).",
    };
  }
  const standardError = Math.sqrt((Math.PI * (4 - Math.PI)) / onPool);
  const off = Math.abs(estimate - Math.PI) / standardError;
  if (off > STANDARD_ERRORS_ALLOWED) {
    return {
      problem: "improbable-estimate",
      reason:
        `${named} returned ${estimate}, ${off.toFixed(1)} standard errors from pi for ${onPool} samples: not ` +
        "what random samples give. Does every task draw its own, independent samples?",
    };
  }
  return undefined;
}

/**
 * What only several calls show: the same seeds (and so the same answer) every time. Different calls draw
 * different seeds from the pool, so their estimates must differ; a split that fixes its seeds, or an answer
 * kept from an earlier call, does not.
 */
export function repeatProblem(calls: ObservedSplit[]): StructuralProblem | undefined {
  const seen = new Map<number, number>();
  for (const [index, call] of calls.entries()) {
    for (const task of call.finished) {
      const earlier = seen.get(task.seed);
      if (earlier !== undefined && earlier !== index) {
        return {
          problem: "repeated-seeds",
          reason:
            `${call.name} gave its tasks the same seeds in different calls, so every run repeats the same samples ` +
            "and returns the same estimate: let pool.run pick the seeds (pass none), and each call draws new ones.",
        };
      }
      seen.set(task.seed, index);
    }
  }
  const estimates = calls.map((call) => call.estimate);
  if (calls.length >= 3 && estimates.every((estimate) => estimate === estimates[0])) {
    return {
      problem: "repeated-answer",
      reason:
        `${calls[0]?.name} returned exactly ${String(estimates[0])} in each of ${calls.length} calls with different ` +
        "seeds: a hard-coded or cached pi. Compute the estimate from each call's own tasks.",
    };
  }
  return undefined;
}

function sum(values: number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
