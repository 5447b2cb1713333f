import type { SourceLocation, TestStatus } from "../result.ts";

/** An error as the test process reports it: the message, and the first place in the learner's code or test. */
export interface ReportedError {
  name: string;
  message: string;
  location?: SourceLocation;
  /** Expected against received, for a failed expectation, exactly as vitest computed it (without colour). */
  diff?: string;
}

/** What the test process (run/vitest-child.js) tells the grader, one message per event, over IPC. */
export type ChildMessage =
  | { type: "ready" }
  | {
      type: "test";
      /** The test file it belongs to, as the grader named it in the request. */
      file: string;
      name: string;
      status: TestStatus;
      durationMs: number;
      errors: ReportedError[];
    }
  | { type: "module"; file: string; errors: ReportedError[] }
  /**
   * A test's outcome, said by the test thread the moment it was known: vitest's own report ("test") may never
   * come, when the thread is then stuck for good; the verdict uses this only in its place.
   */
  | { type: "settled"; file: string; name: string; passed: boolean }
  /** The tests a file holds, once vitest has collected them: every one of them must report. */
  | { type: "collected"; file: string; names: string[] }
  | { type: "unhandled"; errors: ReportedError[] }
  /** A learner's process ended while the tests ran: how, in the words of a process's end (`signal SIGKILL`). */
  | { type: "learner-crashed"; how: string }
  /** The learner's sandbox went past a limit and was ended (packages/sandbox's watchdog). */
  | { type: "limit"; what: "memory" | "processes"; message: string }
  /** A line the tests or the learner's code printed; `file`: the test file that was running, when known. */
  | { type: "console"; text: string; file?: string }
  | { type: "done" };

/**
 * What makes a started test process one vitest instance for one tree, reused for many test files. It comes as
 * the process's first message, so that the process can load vitest before the grader knows the tree.
 */
export interface ChildSetup {
  /** The workshop's exercises/ folder: the exercise tests, and the vitest config they run under. */
  exercisesDir: string;
  target: string;
  /** The environment variable that names the target tree to the test-kit's vitest config. */
  targetEnv: string;
  testTimeoutMs: number;
  /** The learner's code lives here: an error's location is the first stack frame inside it. */
  learnerRoot: string;
  /**
   * Sources to use instead of what is on disk, by absolute path: in graded runs, the tests as the grader read
   * and checked them, so that code which rewrites a test file on disk cannot change the test that runs.
   */
  trustedSources?: Record<string, string>;
  /** Where vite keeps its cache, when it cannot be the workshop's own (the sandbox may not write there). */
  cacheDir?: string;
  /** A graded run: the learner's code may import only what its exercise allows (test-kit's ImportRules). */
  graded?: boolean;
  /**
   * The learner's code runs in sandboxed processes of its own, one per test file, and the tests call it across
   * the boundary (packages/sandbox): this process never loads it.
   */
  acrossBoundary?: boolean;
  /** Of the trusted sources, the hidden tests: their learner's processes print nowhere. */
  hiddenFiles?: string[];
}

/** The first message a test process gets. */
export interface SetupRequest {
  type: "setup";
  setup: ChildSetup;
}

/** What the grader asks of a running test process: run these test files now. */
export interface RunRequest {
  type: "run";
  testFiles: string[];
  /** Files that may have changed since the last run (watch mode): their cached transforms are dropped. */
  changedFiles: string[];
}
