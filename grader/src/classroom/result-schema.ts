import * as v from "valibot";
import { EXERCISE_ID } from "../curriculum/exercise-schema.ts";
import {
  EXERCISE_STATUSES,
  type GradeReport,
  REASONS,
  RESULT_SCHEMA_VERSION,
  type SpeedupProblem,
  type SubmissionInfo,
} from "../result.ts";

/**
 * What a result file must be before any of it is shown: the shape of result.ts's GradeReport, with every status
 * and reason from its closed set and every number a finite number. A result file is only as trustworthy as the
 * folder it was found in (a learner's own `--json`, a download from a platform, a file edited by hand), and the
 * class report puts its fields into HTML, CSV and the terminal: a file that is not exactly this is named and
 * skipped, never half read.
 */
const count = v.pipe(v.number(), v.finite(), v.minValue(0));
const text = v.string();
const isoDate = v.pipe(v.string(), v.isoTimestamp("an ISO date and time"));

/** Every speedup problem, so that the picklist below cannot fall behind result.ts's union. */
const SPEEDUP_PROBLEMS: Record<SpeedupProblem, true> = {
  threw: true,
  "not-a-number": true,
  "main-thread": true,
  "own-pool": true,
  "unfinished-tasks": true,
  "no-tasks": true,
  "tasks-on-main-thread": true,
  "less-work": true,
  sequential: true,
  "idle-threads": true,
  "shared-seeds": true,
  "not-the-mean": true,
  "improbable-estimate": true,
  "repeated-seeds": true,
  "repeated-answer": true,
  "never-finished": true,
  stopped: true,
  sweep: true,
  slow: true,
};

const location = v.object({ file: text, line: count, column: count });

const testResult = v.object({
  name: text,
  status: v.picklist(["passed", "failed", "skipped", "not-run"]),
  durationMs: count,
  message: text,
  location: v.optional(location),
  diff: v.optional(text),
  hidden: v.optional(v.boolean()),
});

export const speedupSchema = v.object({
  verdict: v.picklist(["passed", "failed", "inconclusive", "structure-only"]),
  reason: text,
  problem: v.optional(v.picklist(Object.keys(SPEEDUP_PROBLEMS) as SpeedupProblem[])),
  cores: count,
  measured: v.optional(count),
  required: count,
  efficiency: v.optional(count),
  overheadPerTaskUs: v.optional(count),
  sweep: v.optional(v.array(v.object({ njobs: count, seconds: count }))),
  ratios: v.array(count),
  windows: count,
  coresGot: v.optional(count),
});

export const statusSchema = v.picklist(EXERCISE_STATUSES);
export const reasonSchema = v.picklist(REASONS);

const exerciseResult = v.object({
  id: v.pipe(v.string(), v.regex(EXERCISE_ID, "an exercise id such as 03-fibonacci")),
  number: count,
  title: text,
  status: statusSchema,
  reason: reasonSchema,
  durationMs: count,
  message: text,
  location: v.optional(location),
  diff: v.optional(text),
  points: count,
  maxPoints: count,
  tests: v.array(testResult),
  output: text,
  warnings: v.array(text),
  speedup: v.optional(speedupSchema),
  review: v.optional(text),
});

export const runSchema = v.object({
  startedAt: isoDate,
  finishedAt: isoDate,
  mode: v.picklist(["practice", "graded"]),
  grader: v.object({ version: text, workshopCommit: v.optional(text) }),
  treeCommit: v.optional(text),
  machine: v.object({
    platform: text,
    node: text,
    cores: count,
    // Optional: results written before it was recorded still read.
    coresFrom: v.optional(text),
    loadAverage: v.object({ start: count, end: count }),
  }),
  inconclusivePolicy: v.picklist(["structure", "zero"]),
});

const submittedFile = v.object({ exercise: text, name: text, from: v.optional(text) });

export const submissionSchema = v.object({
  name: text,
  layout: v.picklist(["repository", "exercises", "files"]),
  zip: v.boolean(),
  commit: v.optional(text),
  submittedAt: v.optional(isoDate),
  submittedAtSource: v.optional(v.picklist(["gradescope", "commit"])),
  due: v.optional(isoDate),
  contentHash: v.optional(text),
  headCommit: v.optional(text),
  laterCommits: v.optional(count),
  files: v.optional(v.array(submittedFile)),
  unrecognised: v.optional(v.array(v.object({ path: text, kind: v.picklist(["own-test", "code", "other"]) }))),
});

const attempt = v.object({ run: runSchema, exercises: v.array(exerciseResult) });

export const gradeReportSchema = v.object({
  version: v.literal(RESULT_SCHEMA_VERSION),
  target: text,
  run: runSchema,
  summary: v.object({
    passed: count,
    notPassed: count,
    inconclusive: count,
    total: count,
    score: count,
    maxScore: count,
  }),
  exercises: v.array(exerciseResult),
  submission: v.optional(submissionSchema),
  history: v.optional(v.array(attempt)),
});

// What the schema accepts is a GradeReport, and a SubmissionInfo: the compiler holds the two in step. Exported
// (`@public` to knip) so that the checks are not unused locals; nothing reads them.
type Accepts<Schema, Type> = Schema extends Type ? true : never;
/** @public */
export const schemaMatchesResult: Accepts<v.InferOutput<typeof gradeReportSchema>, GradeReport> = true;
/** @public */
export const schemaMatchesSubmission: Accepts<v.InferOutput<typeof submissionSchema>, SubmissionInfo> = true;

/** The problems of a value that is not a result, in words: `exercises.2.status: ...`, the first few. */
export function schemaProblems(issues: v.BaseIssue<unknown>[], max = 3): string {
  const said = issues.slice(0, max).map((issue) => {
    const path = v.getDotPath(issue) ?? "(the whole file)";
    return `${path}: ${issue.message}`;
  });
  return `${said.join("; ")}${issues.length > max ? `; and ${issues.length - max} more` : ""}`;
}

/** `value` as a GradeReport, or what is wrong with it. */
export function parseGradeReport(value: unknown): GradeReport | string {
  const parsed = v.safeParse(gradeReportSchema, value);
  return parsed.success ? (parsed.output as GradeReport) : schemaProblems(parsed.issues);
}
