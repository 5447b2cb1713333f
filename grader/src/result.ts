/**
 * What grading produces. This shape is also the `--json` output (see docs/grader-json.md); bump
 * RESULT_SCHEMA_VERSION on any change a consumer could notice.
 */
export const RESULT_SCHEMA_VERSION = 2;

/**
 * The verdict of one exercise: a closed set, decided in one place (verdict/decide.ts). Every reporter and summary
 * handles each of them, which the compiler checks (`Record<ExerciseStatus, ...>` tables and exhaustive switches).
 *
 * - `passed`: every test passed (and the speedup check, where there is one).
 * - `failed`: the code is wrong: a test failed, it did not load, an error escaped, the split is not parallel.
 * - `timed-out`: still running at the wall-clock limit, and stopped.
 * - `crashed`: the test process died under the code (out of memory, a native crash, killed).
 * - `inconclusive`: the tests pass, but the machine was too busy to measure the speedup; grade again.
 * - `tampered`: a test, the manifest or the grader's own files were changed, or the code reached for what a
 *   graded run keeps from it (the solutions, hidden tests, the test framework's insides).
 * - `error`: the grader could not grade (a broken install or configuration); it says what to fix.
 */
export const EXERCISE_STATUSES = [
  "passed",
  "failed",
  "timed-out",
  "crashed",
  "inconclusive",
  "tampered",
  "error",
] as const;
export type ExerciseStatus = (typeof EXERCISE_STATUSES)[number];
export type TestStatus = "passed" | "failed" | "skipped" | "not-run";

/**
 * Why, finer than the status: what the class summary shows in each cell, and what a reporter may word
 * differently. The status follows from it (see verdict/statuses.ts).
 */
export const REASONS = [
  "passed",
  "not-started",
  "missing-file",
  "syntax-error",
  "missing-export",
  "load-error",
  "test-failed",
  "hidden-test-failed",
  "escaped-error",
  "process-exit",
  "uses-unfinished",
  "speedup-failed",
  "timed-out",
  "out-of-memory",
  "limit-reached",
  "crashed",
  "inconclusive",
  "tampered-test",
  // Results graded before the learner's code ran in a sandbox of its own may carry these two; no grading gives
  // them now (the code cannot reach the workshop's files, nor the test framework).
  "tampered-workshop",
  "tampered-framework",
  "forbidden-import",
  "config-error",
] as const;
export type Reason = (typeof REASONS)[number];

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
  /** Why it failed, in plain words; empty when it passed. Empty for a hidden test in the learner's reports. */
  message: string;
  location?: SourceLocation;
  /** Expected against received, for a failed expectation: `- expected` and `+ received` lines. */
  diff?: string;
  /** A test of the instructor's edition that the learner never sees (graded runs only). */
  hidden?: boolean;
}

/**
 * The measured parallel speedup of an exercise whose exercise.json declares `contract.speedup`: the same total
 * work, timed on one pool task and as the learner's split, in alternating pairs. See grader/src/speedup/.
 */
export interface SpeedupReport {
  /**
   * `structure-only`: on one core the structural gate ran (on a pool of two threads), and the timing could not.
   */
  verdict: "passed" | "failed" | "inconclusive" | "structure-only";
  /** Why, in plain words: the structural problem found, or how the timing compared with what is required. */
  reason: string;
  /** Which structural rule failed, for summaries: `sequential`, `less-work`, `main-thread`, ... */
  problem?: SpeedupProblem;
  cores: number;
  /** The median of the serial/parallel time ratios; absent when the structural gate failed first. */
  measured?: number;
  required: number;
  /** measured / cores. */
  efficiency?: number;
  /** The grader's own estimate of the pool's overhead per task, in microseconds, when measured. */
  overheadPerTaskUs?: number;
  /** The learner's sweep as the grader timed it, row by row (efficiency exercises): what their plot shows. */
  sweep?: { njobs: number; seconds: number }[];
  /** Each pair's ratio, in the order measured. */
  ratios: number[];
  /** Measurement windows used (a busy machine gets up to three). */
  windows: number;
  /** The cores the process got while the splits ran, in the last window: below `cores`, the machine was busy. */
  coresGot?: number;
}

export type SpeedupProblem =
  | "threw"
  | "not-a-number"
  | "main-thread"
  | "own-pool"
  | "unfinished-tasks"
  | "no-tasks"
  | "tasks-on-main-thread"
  | "less-work"
  | "sequential"
  | "idle-threads"
  | "shared-seeds"
  | "not-the-mean"
  | "improbable-estimate"
  | "repeated-seeds"
  | "repeated-answer"
  | "never-finished"
  | "stopped"
  | "sweep"
  | "slow";

export interface ExerciseResult {
  id: string;
  number: number;
  title: string;
  status: ExerciseStatus;
  reason: Reason;
  /** Wall-clock time of the whole exercise, from the start of its grading to its verdict: tests, analysis, speedup. */
  durationMs: number;
  /** One or two sentences for the learner: what is wrong and what to do next. Empty when passed. */
  message: string;
  /** Where to look first, when known: the first place in the learner's own files. */
  location?: SourceLocation;
  /** Expected against received, for the failure the message explains. */
  diff?: string;
  points: number;
  maxPoints: number;
  /** The public tests, then the hidden ones (graded runs only). */
  tests: TestResult[];
  /** What the learner's code printed, truncated and stripped of terminal control sequences. */
  output: string;
  /** Notices that do not change the status (type errors, a modified test outside graded runs). */
  warnings: string[];
  /** Present for exercises whose parallel speedup is measured. */
  speedup?: SpeedupReport;
  /** Set when the verdict needs an instructor's eye (an inconclusive speedup given points by the course's policy). */
  review?: string;
}

/** Where a result came from, so that an instructor can tell a late, forged or mis-measured one. */
export interface RunProvenance {
  startedAt: string;
  finishedAt: string;
  /** `practice` (a learner's own run) or `graded` (`--ci`, `--target`, Gradescope, a class batch). */
  mode: "practice" | "graded";
  grader: { version: string; workshopCommit?: string };
  /** The commit of the graded tree, where it is a git checkout. */
  treeCommit?: string;
  machine: {
    platform: string;
    node: string;
    cores: number;
    /** Why this many cores: "CPU quota 2 of 16", "all the machine has", "set by WORKSHOP_CORES". */
    coresFrom?: string;
    loadAverage: { start: number; end: number };
  };
  /** What an inconclusive speedup is worth in this course (see docs/speedup.md). */
  inconclusivePolicy: InconclusivePolicy;
  /**
   * Graded runs: `sandboxed` when the learner's code ran in sandboxes apart from the judge, `unprotected` when the
   * person running the grader turned that off (`--no-sandbox`): the learner's code could then change its grade.
   */
  protection?: "sandboxed" | "unprotected";
}

export type InconclusivePolicy = "structure" | "zero";

export interface GradeReport {
  version: typeof RESULT_SCHEMA_VERSION;
  /** `exercises` (the learner's work), `solutions`, or the path of another tree. */
  target: string;
  run: RunProvenance;
  summary: { passed: number; notPassed: number; inconclusive: number; total: number; score: number; maxScore: number };
  exercises: ExerciseResult[];
  /** What was graded, when it is a learner's submission (a class batch, `pnpm instructor grade-submission`). */
  submission?: SubmissionInfo;
  /**
   * Every grading that went into this result, oldest first, when there was more than one (a class batch grades
   * an inconclusive speedup again): each run's provenance and the verdicts it gave. `exercises` holds the latest
   * verdict of each exercise, and `run` the first grading's provenance.
   */
  history?: GradingAttempt[];
}

/** One grading of some exercises of a submission. */
export interface GradingAttempt {
  run: RunProvenance;
  exercises: ExerciseResult[];
}

/** Where a submission came from, and when it was handed in, as far as the grader can tell. */
export interface SubmissionInfo {
  /** The learner, as the submission is named: its folder's or zip's name. */
  name: string;
  /** `repository`: a checkout (or a zip of one); `exercises`: a folder laid out like exercises/; `files`: loose files. */
  layout: "repository" | "exercises" | "files";
  /** Whether it came as a zip. */
  zip: boolean;
  /** The commit of the submitted repository, read from its .git without running git. */
  commit?: string;
  /**
   * When it was handed in, and who says so: `gradescope` (Gradescope's own record of the submission) or
   * `commit` (the commit's committer date: the learner's clock, which they can set).
   */
  submittedAt?: string;
  submittedAtSource?: "gradescope" | "commit";
  /** The due date the grading was given (`--due`), as an ISO date. */
  due?: string;
  /**
   * A hash of the learner's files as graded (their names and contents, `sha256:...`): a regrade merges into an
   * earlier result only when it is the same, whatever the submission's shape (a zip or loose files have no commit).
   */
  contentHash?: string;
  /**
   * When a due date chose the commit to grade: the repository's HEAD, which was not graded, and how many commits
   * were made after the deadline (graded is `commit`, the last one before it).
   */
  headCommit?: string;
  laterCommits?: number;
  /** Where each learner file of the graded exercises was found in the submission (`from`), or that it was not. */
  files?: { exercise: string; name: string; from?: string }[];
  /**
   * What the submission held beside the learner files and was not graded: the learner's own tests (`own-test`),
   * other code (a renamed file, `code`), anything else in an exercise's folder (`other`).
   */
  unrecognised?: { path: string; kind: "own-test" | "code" | "other" }[];
}
