import type { SourceLocation, TestStatus } from "../result.ts";

/** An error as the test process reports it: the message, and the first place in the learner's code or test. */
export interface ReportedError {
  name: string;
  message: string;
  location?: SourceLocation;
  /** The code frame vitest or the parser prints around the error, when it has one. */
  frame?: string;
  diff?: string;
}

/** What the test process (run/vitest-child.js) tells the grader, one message per event, over IPC. */
export type ChildMessage =
  | { type: "ready" }
  | { type: "test"; name: string; status: TestStatus; durationMs: number; errors: ReportedError[] }
  | { type: "module"; errors: ReportedError[] }
  | { type: "unhandled"; errors: ReportedError[] }
  | { type: "console"; text: string }
  | { type: "done" };

/** How the grader starts a test process: one vitest instance for one tree, reused for many test files. */
export interface ChildSetup {
  configFile: string;
  target: string;
  /** The environment variable that names the target tree to the test-kit's vitest config. */
  targetEnv: string;
  testTimeoutMs: number;
}

/** What the grader asks of a running test process: run this test file now. */
export interface RunRequest {
  type: "run";
  testFile: string;
  /** Files that may have changed since the last run (watch mode): their cached transforms are dropped. */
  changedFiles: string[];
}
