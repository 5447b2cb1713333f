import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { basename, join } from "node:path";
import { UsageError } from "../errors.ts";
import { reasonLabel } from "../report/wording.ts";
import { type GradeReport, RESULT_SCHEMA_VERSION } from "../result.ts";
import { BATCH_RECORD_KIND, type BatchRecord, readBatchRecord } from "./batch-record.ts";
import { CLASS_REPORT_KIND } from "./class-report-kind.ts";
import type { NotGraded } from "./class-submissions.ts";
import { readGradescopeResults } from "./gradescope-results.ts";
import { type LearnerResult, speedupOf, testCounts } from "./learner-result.ts";
import { parseGradeReport } from "./result-schema.ts";

export interface ClassResults {
  results: LearnerResult[];
  /** Files that are not results, each said with its name. */
  problems: string[];
  /** Submissions a class batch could not grade (from its _batch.json), and Gradescope's "could not grade". */
  notGraded: NotGraded[];
  /** The due date the class batches recorded in _batch.json. */
  due?: string;
}

/**
 * Every `*.json` result in `folder`, by learner: the workshop's own JSON and Gradescope's results.json alike,
 * and a batch's _batch.json for the submissions it could not grade. A file that is neither is left out and named
 * in `problems`, so one bad upload does not hide the class.
 */
export function loadClassResults(folder: string): ClassResults {
  if (!existsSync(folder) || !statSync(folder).isDirectory()) {
    throw new UsageError(`${folder} is not a folder. Give the folder that holds one result per learner.`);
  }
  const files = readdirSync(folder)
    .filter((name) => name.endsWith(".json"))
    .sort((a, b) => a.localeCompare(b));
  if (files.length === 0) {
    throw new UsageError(`${folder} holds no .json files: grade the class with \`pnpm instructor batch\` first.`);
  }
  const loaded: ClassResults = { results: [], problems: [], notGraded: [] };
  for (const name of files) {
    const learner = basename(name, ".json");
    const read = readResult(join(folder, name), learner);
    if (read === CLASS_REPORT_KIND) continue;
    if (typeof read === "string") loaded.problems.push(`${name}: ${read}`);
    else if ("kind" in read) {
      loaded.notGraded.push(...read.notGraded);
      if (read.due) loaded.due = read.due;
    } else if ("problem" in read) loaded.notGraded.push(read);
    else loaded.results.push(read);
  }
  return loaded;
}

/** The result in `file`, a batch's record, a submission Gradescope could not grade, or why it is none of them. */
function readResult(
  file: string,
  learner: string,
): LearnerResult | BatchRecord | NotGraded | typeof CLASS_REPORT_KIND | string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    return `not JSON (${(error as Error).message.split("\n")[0]}); was it saved with \`pnpm -s grade --json\`?`;
  }
  if (typeof parsed !== "object" || parsed === null) return "not a grade result";
  // The summary's own report (`--json results/class.json`, as the recipe writes it) is no learner's.
  if ((parsed as { kind?: unknown }).kind === CLASS_REPORT_KIND) return CLASS_REPORT_KIND;
  if ((parsed as Partial<BatchRecord>).kind === BATCH_RECORD_KIND) return readBatchRecord(parsed);
  if (Array.isArray((parsed as Partial<GradeReport>).exercises)) return fromWorkshop(parsed, learner);
  if (Array.isArray((parsed as { tests?: unknown }).tests)) return readGradescopeResults(parsed, learner);
  return "not a grade result (neither the grader's `exercises` nor Gradescope's `tests`)";
}

function fromWorkshop(parsed: object, learner: string): LearnerResult | string {
  const version = (parsed as Partial<GradeReport>).version;
  if (version !== RESULT_SCHEMA_VERSION) {
    return `result format version ${typeof version === "number" ? version : "unknown"}; this grader reads version ${RESULT_SCHEMA_VERSION}`;
  }
  const report = parseGradeReport(parsed);
  if (typeof report === "string") return `not a valid result, so none of it is shown: ${report}`;
  const result: LearnerResult = {
    learner,
    format: "workshop",
    exercises: report.exercises.map((e) => ({
      id: e.id,
      title: e.title,
      status: e.status,
      reason: e.reason,
      label: reasonLabel(e.reason, e.speedup),
      points: e.points,
      maxPoints: e.maxPoints,
      ...(e.speedup ? { speedup: speedupOf(e.speedup) } : {}),
      message: e.message,
      tests: testCounts(e.tests),
      ...(e.review ? { review: e.review } : {}),
    })),
    gradings: report.history?.length ?? 1,
  };
  if (report.run) result.run = report.run;
  if (report.submission) result.submission = report.submission;
  return result;
}
