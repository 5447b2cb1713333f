import { type LabelledTasks, mostInFlight, type RecordedTask } from "./task-recorder.ts";

/** The numbers of tasks of a sweep of `rows` rows, as the lesson sweeps them: 2^0, 2^1, ..., 2^(rows - 1). */
export function sweepJobs(rows: number): number[] {
  return Array.from({ length: rows }, (_, power) => 2 ** power);
}
/**
 * A row's time, measured by the learner's timer, and its bounds, measured by the grader, come from different
 * clocks (the worker threads' and the main thread's) and are taken a few statements apart: this much leeway,
 * in milliseconds, plus 2% of the row.
 */
const CLOCK_LEEWAY_MS = 2;

/** One run of the learner's `sweep(pool, totalSamples)`, and what the grader saw during it. */
export interface ObservedSweep {
  totalSamples: number;
  /** The njobs of each row the sweep must have, in order (from the exercise's contract). */
  jobs: number[];
  /** What the sweep resolved to; absent when it threw. */
  timings?: unknown;
  error?: string;
  /** `performance.now()` when the sweep printed each line: the lesson prints one before each row. */
  lineStamps: number[];
  startedAt: number;
  endedAt: number;
  tasks: LabelledTasks;
  poolThreads: number;
}

export interface Row {
  njobs: number;
  samplesPerJob: number;
  seconds: number;
}

/** The sweep's rows when they have the lesson's shape, or the problem with them. */
export function sweepRows(sweep: ObservedSweep): { rows: Row[] } | { problem: string } {
  const named = `sweep(pool, ${sweep.totalSamples})`;
  if (sweep.error !== undefined) return { problem: `${named} threw: ${sweep.error}` };
  const timings = sweep.timings;
  if (!Array.isArray(timings)) return { problem: `${named} returned ${String(timings)}, not an array of timings` };
  const njobs = timings.map((row: Partial<Row> | undefined) => row?.njobs);
  const { jobs } = sweep;
  if (njobs.length !== jobs.length || jobs.some((expected, index) => njobs[index] !== expected)) {
    const last = jobs.length - 1;
    return {
      problem:
        `${named} returned ${timings.length} rows with njobs = ${njobs.join(", ")}; the lesson's sweep has ` +
        `${jobs.length} rows, njobs = 1, 2, 4, ..., ${jobs[last]} (2^0 to 2^${last}), in that order.`,
    };
  }
  const rows = timings as Row[];
  for (const row of rows) {
    if (row.samplesPerJob * row.njobs !== sweep.totalSamples) {
      return {
        problem:
          `in the ${rowName(row.njobs)} of ${named}, samplesPerJob * njobs = ${row.samplesPerJob * row.njobs}, ` +
          `not the total of ${sweep.totalSamples}: every row must do the same work, split differently.`,
      };
    }
    if (typeof row.seconds !== "number" || !Number.isFinite(row.seconds) || row.seconds <= 0) {
      return { problem: `the ${rowName(row.njobs)} took ${String(row.seconds)} seconds: time every row.` };
    }
  }
  return { rows };
}

/**
 * Checks that the rows ran on the grader's pool as the learner's timings say: the right tasks in every row,
 * started together, and every reported time inside what the grader saw of that row. The bounds come
 * from the same run, so machine noise moves both sides alike: a time below the row's own tasks (a timer stopped
 * before the work finished) or above the whole row (milliseconds reported as seconds) cannot be noise.
 */
export function sweepRunProblem(sweep: ObservedSweep, rows: Row[]): string | undefined {
  const { finished, unfinished, foreign } = sweep.tasks;
  if (foreign.length > 0) return "the sweep ran its tasks on a pool of its own: use the `pool` parameter.";
  if (unfinished > 0) return `the sweep returned while ${unfinished} of its tasks were still running: await each row.`;
  const expectedTasks = sweep.jobs.reduce((total, jobs) => total + jobs, 0);
  const byRow = tasksByRow(sweep, finished);
  for (const [index, row] of rows.entries()) {
    const ran = byRow[index]?.length ?? 0;
    if (ran !== row.njobs) {
      return (
        `the ${rowName(row.njobs)} ran ${ran} tasks of ${row.samplesPerJob} samples on the pool ` +
        `(${finished.length} tasks in all, ${expectedTasks} expected): run every row through the split on the pool.`
      );
    }
  }
  if (finished.length !== expectedTasks) {
    return `the sweep ran ${finished.length} tasks on the pool; its ${rows.length} rows should run ${expectedTasks}.`;
  }
  for (const [index, row] of rows.entries()) {
    const together = mostInFlight(byRow[index] ?? []);
    if (together < Math.min(sweep.poolThreads, row.njobs)) {
      return (
        `in the ${rowName(row.njobs)}, at most ${together} task${together === 1 ? " was" : "s were"} running at any ` +
        "moment: the sweep runs its tasks one after another. Split each row with the split, which starts every " +
        "task before it awaits them."
      );
    }
  }
  const windows = rowWindowsMs(sweep);
  for (const [index, row] of rows.entries()) {
    const reportedMs = row.seconds * 1000;
    const span = spanMs(byRow[index] ?? []);
    if (reportedMs < span - leeway(span)) {
      return (
        `the ${rowName(row.njobs)} reports ${row.seconds} s, but its tasks alone took ${ms(span)}: the timer ` +
        "must cover the whole row (start it before the split, and let the `await using` scope end after the await)."
      );
    }
    const window = windows[index] as number;
    if (reportedMs > window + leeway(window)) {
      return (
        `the ${rowName(row.njobs)} reports ${row.seconds} s, but the whole row took ${ms(window)}: report ` +
        "seconds (the timer's `time`), not milliseconds."
      );
    }
  }
  return undefined;
}

/**
 * The grader's own measure of each row, in seconds: from the line printed before it to the line printed before
 * the next (or the end of the sweep). Without the lines, the spans of the row's tasks.
 */
export function graderRowSeconds(sweep: ObservedSweep): number[] {
  if (sweep.lineStamps.length !== sweep.jobs.length) {
    return tasksByRow(sweep, sweep.tasks.finished).map((tasks) => spanMs(tasks) / 1000);
  }
  return rowWindowsMs(sweep).map((window) => window / 1000);
}

/**
 * The slope of `y` against `x` as the lesson estimates it, the cost of one more task when `x` is njobs: the median
 * of the slopes between every pair of points (Theil-Sen), which one noisy row cannot decide.
 */
export function slope(x: number[], y: number[]): number {
  const slopes: number[] = [];
  for (let i = 0; i < x.length; i++) {
    for (let j = i + 1; j < x.length; j++) {
      const run = (x[j] as number) - (x[i] as number);
      if (run !== 0) slopes.push(((y[j] as number) - (y[i] as number)) / run);
    }
  }
  const sorted = slopes.toSorted((a, b) => a - b);
  const half = Math.floor(sorted.length / 2);
  if (sorted.length % 2 === 1) return sorted[half] as number;
  return ((sorted[half - 1] as number) + (sorted[half] as number)) / 2;
}

/**
 * The learner's `overheadPerTask(timings)` against the grader's slope through its own row times, both in
 * seconds. Both describe the same run, so they differ only by what lies between the learner's timer and the
 * grader's stamps: a few statements per row, about the same in every row. That moves each pairwise slope by the
 * difference of two rows' gaps over their njobs apart, and the median by no more than the slopes around it
 * move: 0.6 µs at most, 0.01 µs typically, in 13 sweeps measured on a busy 2-core machine. Half the grader's
 * figure, or 5 µs, whichever is larger, is room to spare; a slope in other units (ms or µs per task) lands far
 * outside. Which estimator the learner chose is the exercise's tests' to check, not this comparison's.
 */
export function overheadProblem(learner: unknown, grader: number): string | undefined {
  const graderUs = (grader * 1e6).toFixed(1);
  if (typeof learner !== "number" || !Number.isFinite(learner)) {
    return `overheadPerTask(timings) returned ${String(learner)} for the sweep, not a number of seconds.`;
  }
  if (Math.abs(learner - grader) > Math.max(0.5 * Math.abs(grader), 5e-6)) {
    return (
      `overheadPerTask(timings) gives ${(learner * 1e6).toFixed(1)} µs per task for the sweep, but the grader ` +
      `measured ${graderUs} µs on the same run: return the median of the pairwise slopes, in seconds per task.`
    );
  }
  return undefined;
}

/** The sweep's tasks, grouped by the row they belong to (every row's tasks have their own size). */
function tasksByRow(sweep: ObservedSweep, tasks: readonly RecordedTask[]): RecordedTask[][] {
  return sweep.jobs.map((jobs) => tasks.filter((task) => task.samples * jobs === sweep.totalSamples));
}

/** Each row's time from the grader's stamps, in ms; the whole sweep for every row when the lines are missing. */
function rowWindowsMs(sweep: ObservedSweep): number[] {
  if (sweep.lineStamps.length !== sweep.jobs.length) return sweep.jobs.map(() => sweep.endedAt - sweep.startedAt);
  const bounds = [...sweep.lineStamps, sweep.endedAt];
  return sweep.jobs.map((_, index) => (bounds[index + 1] as number) - (bounds[index] as number));
}

function spanMs(tasks: readonly RecordedTask[]): number {
  if (tasks.length === 0) return 0;
  return Math.max(...tasks.map((task) => task.endedAt)) - Math.min(...tasks.map((task) => task.startedAt));
}

function leeway(ms: number): number {
  return CLOCK_LEEWAY_MS + 0.02 * ms;
}

function ms(value: number): string {
  return `${(value / 1000).toFixed(4)} s`;
}

function rowName(njobs: number): string {
  return `row with ${njobs} job${njobs === 1 ? "" : "s"}`;
}
