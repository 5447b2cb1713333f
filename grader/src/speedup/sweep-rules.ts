import { type LabelledTasks, mostInFlight, type RecordedTask } from "./task-recorder.ts";

/** The numbers of tasks of a sweep of `rows` rows, as the lesson sweeps them: 2^0, 2^1, ..., 2^(rows - 1). */
export function sweepJobs(rows: number): number[] {
  return Array.from({ length: rows }, (_, power) => 2 ** power);
}
/**
 * A row's time, measured by the learner's timer, and its bounds, measured by the grader, are read a few statements
 * apart, and a timer built on `Date.now()` counts whole milliseconds: this much leeway, in milliseconds, plus 2%
 * of the bound.
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
 * started together, one row after another, and every reported time inside what the grader saw of that row. Each
 * bound is structural, so no busy machine can push a correct sweep past it: a timer that covers its row cannot
 * read less than the row's own tasks took (from the first asked for to the last back), nor more than its room
 * (from the previous row's last task back to the next row's first task asked for). Below the first bound is a
 * timer stopped before the work finished; above the second, milliseconds reported as seconds.
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
  const bounds = rowBounds(sweep, byRow);
  for (const [index, row] of rows.entries()) {
    const previous = rows[index - 1];
    if (previous && (bounds[index] as RowBounds).startsBeforePreviousEnds) {
      return (
        `the ${rowName(row.njobs)} started before the ${rowName(previous.njobs)} had finished: the rows shared ` +
        "the pool and timed each other. Await each row before starting the next."
      );
    }
  }
  for (const [index, row] of rows.entries()) {
    const reportedMs = row.seconds * 1000;
    const { tasksMs, roomMs } = bounds[index] as RowBounds;
    if (reportedMs < tasksMs - leeway(tasksMs)) {
      return (
        `the ${rowName(row.njobs)} reports ${row.seconds} s, but its tasks alone took ${ms(tasksMs)}: the timer ` +
        "must cover the whole row (start it before the split, and let the `await using` scope end after the await)."
      );
    }
    if (reportedMs > roomMs + leeway(roomMs)) {
      return (
        `the ${rowName(row.njobs)} reports ${row.seconds} s, but the whole row took ${ms(roomMs)}: report ` +
        "seconds (the timer's `time`), not milliseconds."
      );
    }
  }
  return undefined;
}

/**
 * Each row's time in seconds, as the grader reports it and estimates the overhead from: the learner's own timer,
 * where it lies within the grader's bounds of the row (as every correct sweep's does), else the bound it crossed.
 *
 * The learner's timer measures what the lesson measures, the split alone. The grader's own stamps would add to a
 * row the moments between rows, which on a busy machine hold whatever else ran (a 7 ms pause between two rows,
 * measured here with three other programs on 2 cores): its median slope then differed from the learner's by
 * 4 µs or more, enough to fail a correct sweep about once in a hundred. Bounded by the grader's own record, the
 * learner's times cannot be made up either: a time outside its row's bounds is a problem of its own
 * (`sweepRunProblem`), and the report then shows the bound.
 */
export function graderRowSeconds(sweep: ObservedSweep): number[] {
  const bounds = rowBounds(sweep, tasksByRow(sweep, sweep.tasks.finished));
  const shaped = sweepRows(sweep);
  return bounds.map(({ tasksMs, roomMs }, index) => {
    const reported = "rows" in shaped ? (shaped.rows[index]?.seconds ?? 0) * 1000 : roomMs;
    const low = tasksMs - leeway(tasksMs);
    const high = roomMs + leeway(roomMs);
    return (reported < low ? tasksMs : reported > high ? roomMs : reported) / 1000;
  });
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
 * How far the learner's `overheadPerTask(timings)` may lie from the grader's slope through the same rows, in
 * seconds per task: rounding only. Both are the median of the same 78 slopes, computed from the same numbers (the
 * grader's rows are the learner's own, inside their bounds), so a correct estimate agrees to the last few bits.
 */
const SAME_ESTIMATE = { absolute: 1e-12, relative: 1e-9 };

/**
 * The learner's `overheadPerTask(timings)` against the grader's slope through the same rows (`graderRowSeconds`),
 * both in seconds per task. They are the same computation on the same numbers, so the comparison is exact up to
 * rounding, whatever the machine did during the sweep: a slope in other units (ms or µs per task), another
 * estimate (a line through two rows, least squares) or a median of slopes sorted as text is named.
 */
export function overheadProblem(learner: unknown, grader: number): string | undefined {
  if (typeof learner !== "number" || !Number.isFinite(learner)) {
    return `overheadPerTask(timings) returned ${String(learner)} for the sweep, not a number of seconds.`;
  }
  if (Math.abs(learner - grader) > SAME_ESTIMATE.absolute + SAME_ESTIMATE.relative * Math.abs(grader)) {
    return (
      `overheadPerTask(timings) gives ${microseconds(learner)} per task for the sweep's own rows, but the median ` +
      `of the slopes between every pair of those rows is ${microseconds(grader)}: return that median, in seconds ` +
      "per task (sort the slopes as numbers)."
    );
  }
  return undefined;
}

/** The sweep's tasks, grouped by the row they belong to (every row's tasks have their own size). */
function tasksByRow(sweep: ObservedSweep, tasks: readonly RecordedTask[]): RecordedTask[][] {
  return sweep.jobs.map((jobs) => tasks.filter((task) => task.samples * jobs === sweep.totalSamples));
}

/** What the grader saw of one row of the sweep, in ms, all on the main thread's clock (the learner's timer's). */
interface RowBounds {
  /** From the row's first task asked for to its last task back: the least a timer around the row can read. */
  tasksMs: number;
  /** From the previous row's last task back (or the sweep's start) to the next row's first task asked for (or the
   * sweep's end): the most a timer around this row alone can read. */
  roomMs: number;
  /** The row's first task was asked for before the previous row's last one was back. */
  startsBeforePreviousEnds: boolean;
}

function rowBounds(sweep: ObservedSweep, byRow: RecordedTask[][]): RowBounds[] {
  const first = (tasks: RecordedTask[] | undefined) =>
    tasks?.length ? Math.min(...tasks.map((task) => task.submittedAt)) : undefined;
  const last = (tasks: RecordedTask[] | undefined) =>
    tasks?.length ? Math.max(...tasks.map((task) => task.settledAt)) : undefined;
  return sweep.jobs.map((_, index) => {
    const tasks = byRow[index] ?? [];
    const previousEnd = index === 0 ? sweep.startedAt : (last(byRow[index - 1]) ?? sweep.startedAt);
    const nextStart = index === sweep.jobs.length - 1 ? sweep.endedAt : (first(byRow[index + 1]) ?? sweep.endedAt);
    const start = first(tasks);
    return {
      tasksMs: start === undefined ? 0 : (last(tasks) as number) - start,
      roomMs: nextStart - previousEnd,
      startsBeforePreviousEnds: index > 0 && start !== undefined && start < previousEnd,
    };
  });
}

function leeway(ms: number): number {
  return CLOCK_LEEWAY_MS + 0.02 * ms;
}

function ms(value: number): string {
  return `${(value / 1000).toFixed(4)} s`;
}

function microseconds(seconds: number): string {
  return `${(seconds * 1e6).toFixed(1)} µs`;
}

function rowName(njobs: number): string {
  return `row with ${njobs} job${njobs === 1 ? "" : "s"}`;
}
