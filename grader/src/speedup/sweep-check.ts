import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import type { PiPool } from "@workshop/core";
import { describeError } from "./describe-error.ts";
import { plotProblem } from "./plot-rules.ts";
import {
  graderRowSeconds,
  type ObservedSweep,
  overheadProblem,
  slope,
  sweepJobs,
  sweepRows,
  sweepRunProblem,
} from "./sweep-rules.ts";
import type { TaskRecorder } from "./task-recorder.ts";

/** The efficiency study's exports, as the grader calls them. */
export interface EfficiencyModule {
  sweep: (pool: PiPool, totalSamples?: number, largestPower?: number) => Promise<unknown>;
  overheadPerTask: (timings: unknown) => unknown;
  savePlot: (timings: unknown, file: string) => Promise<unknown>;
}

/** The grader's sweep, as the exercise's contract gives it: its rows (njobs = 2^0 ... 2^(rows-1)) and samples. */
export interface SweepSize {
  rows: number;
  totalSamples: number;
}

export interface SweepOutcome {
  problem?: string;
  /** The grader's own measure of the pool's overhead per task during the sweep, in µs. */
  overheadPerTaskUs?: number;
  /** The grader's own time of each row. */
  rows?: { njobs: number; seconds: number }[];
}

/** Runs the learner's sweep on the grader's pool, then checks its shape, its timings, its overhead and its plot. */
export async function checkSweep(
  study: EfficiencyModule,
  pool: PiPool,
  recorder: TaskRecorder,
  size: SweepSize,
): Promise<SweepOutcome> {
  const sweep = await observeSweep(study, pool, recorder, size);
  const shaped = sweepRows(sweep);
  if ("problem" in shaped) return { problem: shaped.problem };
  const rowSeconds = graderRowSeconds(sweep);
  const graderOverhead = slope(sweep.jobs, rowSeconds);
  const overheadPerTaskUs = graderOverhead * 1e6;
  const rows = sweep.jobs.map((njobs, index) => ({ njobs, seconds: Number((rowSeconds[index] ?? 0).toFixed(6)) }));
  const runProblem = sweepRunProblem(sweep, shaped.rows);
  if (runProblem) return { problem: runProblem, overheadPerTaskUs, rows };
  let learnerOverhead: unknown;
  try {
    learnerOverhead = study.overheadPerTask(shaped.rows);
  } catch (error) {
    return { problem: `overheadPerTask(timings) threw: ${describeError(error)}`, overheadPerTaskUs, rows };
  }
  const overhead = overheadProblem(learnerOverhead, graderOverhead);
  if (overhead) return { problem: overhead, overheadPerTaskUs, rows };
  const plot = await savedPlot(study, shaped.rows);
  const problem = "error" in plot ? plot.error : plotProblem(plot.svg, sweep.jobs.length);
  return problem ? { problem, overheadPerTaskUs, rows } : { overheadPerTaskUs, rows };
}

async function observeSweep(
  study: EfficiencyModule,
  pool: PiPool,
  recorder: TaskRecorder,
  size: SweepSize,
): Promise<ObservedSweep> {
  const print = console.log;
  // What the sweep prints (a line before each row) is the learner's to read in their own run, not the grader's.
  console.log = () => {};
  recorder.begin("sweep");
  const startedAt = performance.now();
  const observed: Omit<ObservedSweep, "endedAt" | "tasks" | "poolThreads"> = {
    totalSamples: size.totalSamples,
    jobs: sweepJobs(size.rows),
    startedAt,
  };
  try {
    observed.timings = await study.sweep(pool, size.totalSamples, size.rows - 1);
  } catch (error) {
    observed.error = describeError(error);
  } finally {
    console.log = print;
  }
  const endedAt = performance.now();
  recorder.begin("after the sweep");
  return { ...observed, endedAt, tasks: recorder.tasks("sweep"), poolThreads: pool.threads };
}

async function savedPlot(study: EfficiencyModule, rows: unknown): Promise<{ svg?: string } | { error: string }> {
  const folder = await mkdtemp(join(tmpdir(), "workshop-speedup-"));
  try {
    const file = join(folder, "timings.svg");
    try {
      await study.savePlot(rows, file);
    } catch (error) {
      return { error: `savePlot(timings, file) threw: ${describeError(error)}` };
    }
    try {
      return { svg: await readFile(file, "utf8") };
    } catch {
      return {};
    }
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}
