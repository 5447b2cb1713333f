/**
 * What grading produces. This shape is also the `--json` output (see docs/grader-json.md); bump
 * RESULT_SCHEMA_VERSION on any change a consumer could notice.
 */
export const RESULT_SCHEMA_VERSION = 1;

/**
 * - `passed`: every test passed.
 * - `failed`: a test failed, the code could not be loaded, or the tests were tampered with (with `--ci`).
 * - `timed-out`: still running at the wall-clock limit, and killed.
 * - `error`: the grading itself broke (the test process crashed or exited); the learner's code is the likely cause.
 * - `skipped`: not graded (e.g. a speedup check on a one-core machine).
 * - `inconclusive`: a measurement could not decide (e.g. a busy machine); try again.
 */
export type ExerciseStatus = "passed" | "failed" | "timed-out" | "error" | "skipped" | "inconclusive";
export type TestStatus = "passed" | "failed" | "skipped" | "not-run";

/** A source position a learner can jump to. */
export interface SourceLocation {
  file: string;
  line: number;
  column: number;
}

export interface TestResult {
  name: string;
  status: TestStatus;
  durationMs: number;
  /** Why it failed, in plain words; empty when it passed. */
  message: string;
  location?: SourceLocation;
}

/**
 * The measured parallel speedup of an exercise whose metadata says `"speedup": true`: the same total work,
 * timed on one pool task and as the learner's split, in alternating pairs. See grader/src/speedup/.
 */
export interface SpeedupReport {
  verdict: "passed" | "failed" | "inconclusive" | "skipped";
  /** Why, in plain words: the structural problem found, or how the timing compared with what is required. */
  reason: string;
  cores: number;
  /** The median of the serial/parallel time ratios; absent when the structural gate failed first. */
  measured?: number;
  required: number;
  /** measured / cores. */
  efficiency?: number;
  /** The grader's own estimate of the pool's overhead per task, in microseconds, when measured. */
  overheadPerTaskUs?: number;
  /** Each pair's ratio, in the order measured. */
  ratios: number[];
  /** Measurement windows used (a busy machine gets up to three). */
  windows: number;
}

export interface ExerciseResult {
  id: string;
  title: string;
  status: ExerciseStatus;
  durationMs: number;
  /** One or two sentences for the learner: what is wrong and what to do next. Empty when passed. */
  message: string;
  /** Where to look first, when known. */
  location?: SourceLocation;
  points: number;
  maxPoints: number;
  tests: TestResult[];
  /** What the learner's code printed, truncated. */
  output: string;
  /** Notices that do not change the status (e.g. a modified test file outside `--ci`). */
  warnings: string[];
  /** Present for exercises whose parallel speedup is measured. */
  speedup?: SpeedupReport;
}

export interface GradeReport {
  version: typeof RESULT_SCHEMA_VERSION;
  /** `exercises` (the learner's work), `solutions`, or the path of another tree. */
  target: string;
  /**
   * `failed` counts failed, timed-out and error; `inconclusive` counts exercises whose speedup could not be
   * measured (a busy machine: grade again). Not passed = failed + inconclusive (+ skipped, unused today).
   */
  summary: { passed: number; failed: number; inconclusive: number; total: number; score: number; maxScore: number };
  exercises: ExerciseResult[];
}

export function summarize(target: string, exercises: ExerciseResult[]): GradeReport {
  const count = (...statuses: ExerciseStatus[]) => exercises.filter((e) => statuses.includes(e.status)).length;
  return {
    version: RESULT_SCHEMA_VERSION,
    target,
    summary: {
      passed: count("passed"),
      failed: count("failed", "timed-out", "error"),
      inconclusive: count("inconclusive"),
      total: exercises.length,
      score: exercises.reduce((sum, e) => sum + e.points, 0),
      maxScore: exercises.reduce((sum, e) => sum + e.maxPoints, 0),
    },
    exercises,
  };
}
