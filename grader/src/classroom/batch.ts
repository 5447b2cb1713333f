import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Exercise } from "../curriculum/load-curriculum.ts";
import { UsageError } from "../errors.ts";
import { writeAtomically } from "../files/write-atomically.ts";
import type { GradingSession } from "../pipeline/session.ts";
import type { GradeReport } from "../result.ts";
import { BATCH_RECORD_KIND, type BatchRecord, mergeBatchRecords, readBatchRecord } from "./batch-record.ts";
import { BATCH_RECORD, classSubmissions, type NotGraded } from "./class-submissions.ts";
import { dropGradedCode, keepGradedCode } from "./graded-code.ts";
import { inconclusiveIds, mergeRegrade } from "./merge-grades.ts";
import { type PreparedSubmission, prepareSubmission } from "./prepare-submission.ts";
import { parseGradeReport } from "./result-schema.ts";
import { SubmissionError } from "./submission-error.ts";
import { type ClassGrading, submissionSession } from "./submission-session.ts";
import { visibleText } from "./visible-text.ts";

export interface BatchOptions {
  submissionsDir: string;
  outDir: string;
  /** The exercises to grade (all of them, unless the instructor named some). */
  exercises: Exercise[];
  grading: ClassGrading;
  /** How many more times, at most, an inconclusive speedup is graded again in this batch. */
  regrades: number;
  /**
   * `--due`, as an ISO date: recorded in every result, and, unless `atHead`, the due date a repository is graded
   * at (its last commit before it). Without it, the due date a class batch recorded in `outDir` before.
   */
  due?: string;
  atHead?: boolean;
  /** Grade nothing afresh: only the inconclusive exercises of the results already in `outDir`, merged into them. */
  inconclusiveOnly: boolean;
  log: (line: string) => void;
}

/** A submission being graded, kept until the batch ends so that a regrade grades the same tree. */
interface Open {
  prepared: PreparedSubmission;
  session: GradingSession;
  report: GradeReport;
  file: string;
}

/**
 * `pnpm instructor batch`: every submission of a class folder graded in turn, each in a fresh tree through the
 * one pipeline (submission-session.ts), one result per learner written to `outDir/<learner>.json` as soon as
 * it is known. Then, round by round up to `regrades` times, each result's inconclusive speedups are graded again
 * and merged in (merge-grades.ts): a round comes after the whole class, so a burst of load on the machine has
 * time to pass. What could not be graded is logged and recorded in `outDir/_batch.json` with the rest.
 * One grading at a time, always: speedups are timed, and need the machine to themselves.
 */
export async function gradeClass(options: BatchOptions): Promise<BatchRecord> {
  const startedAt = new Date().toISOString();
  const curriculum = options.grading.curriculum;
  const { submissions, skipped } = classSubmissions(options.submissionsDir, curriculum);
  const recordFile = join(options.outDir, `${BATCH_RECORD}.json`);
  const earlier = earlierRecord(recordFile);
  if (typeof earlier === "string") throw new UsageError(earlier);
  const due = options.due ?? earlier?.due;
  if (due && !options.due) options.log(`due ${due}, as ${recordFile} records it for the class`);
  const notGraded: NotGraded[] = [...skipped];
  const open: Open[] = [];
  for (const problem of skipped) options.log(`not graded: ${visibleText(problem.problem)}`);
  try {
    for (const submission of submissions) {
      let prepared: PreparedSubmission;
      try {
        prepared = await prepareSubmission(submission, {
          curriculum,
          manifest: options.grading.manifest,
          ...(due ? { due } : {}),
          ...(options.atHead ? { atHead: true } : {}),
        });
      } catch (error) {
        if (!(error instanceof SubmissionError)) throw error;
        notGraded.push({ name: submission.name, problem: error.message });
        if (!options.inconclusiveOnly) dropGradedCode(options.outDir, submission.name);
        options.log(`not graded: ${visibleText(error.message)}`);
        continue;
      }
      const file = join(options.outDir, `${submission.name}.json`);
      const session = submissionSession(prepared, options.grading);
      if (options.inconclusiveOnly) {
        const previous = earlierResult(file, prepared);
        if (typeof previous === "string") {
          notGraded.push({ name: submission.name, problem: previous });
          options.log(`not graded: ${visibleText(previous)}`);
          prepared.dispose();
          continue;
        }
        open.push({ prepared, session, report: previous, file });
        continue;
      }
      const started = performance.now();
      const report = await grade(session, options.exercises);
      writeResult(file, report);
      keepGradedCode(options.outDir, submission.name, prepared.tree);
      open.push({ prepared, session, report, file });
      options.log(`${describe(report)} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    }
    for (let round = 1; round <= options.regrades; round++) {
      const pending = open.filter((entry) => inconclusiveIds(entry.report).length > 0);
      if (pending.length === 0) break;
      for (const entry of pending) {
        const ids = inconclusiveIds(entry.report);
        options.log(
          `${visibleText(entry.prepared.info.name)}: ${ids.join(", ")} inconclusive, graded again (round ${round})`,
        );
        const again = curriculum.filter((exercise) => ids.includes(exercise.id));
        entry.report = mergeRegrade(entry.report, await grade(entry.session, again));
        writeResult(entry.file, entry.report);
        options.log(describe(entry.report));
      }
    }
  } finally {
    for (const entry of open) {
      entry.session.close();
      entry.prepared.dispose();
    }
  }
  const batch: BatchRecord = {
    kind: BATCH_RECORD_KIND,
    startedAt,
    finishedAt: new Date().toISOString(),
    regrades: options.regrades,
    ...(due ? { due } : {}),
    graded: open.map(({ report, file }) => ({
      name: report.submission?.name ?? report.target,
      file,
      score: report.summary.score,
      maxScore: report.summary.maxScore,
      gradings: report.history?.length ?? 1,
      inconclusive: inconclusiveIds(report),
    })),
    notGraded,
  };
  // Everyone this batch did not grade keeps their entry: regrading one learner does not drop the class.
  writeAtomically(recordFile, `${JSON.stringify(mergeBatchRecords(earlier, batch), null, 2)}\n`);
  for (const { name, inconclusive } of batch.graded.filter((entry) => entry.inconclusive.length > 0)) {
    options.log(
      `still inconclusive after ${options.regrades} regrades: ${visibleText(name)} ${inconclusive.join(", ")}`,
    );
  }
  return batch;
}

/** The record of earlier batches into `file`, none, or why it cannot be read (then the batch stops: it would lose it). */
function earlierRecord(file: string): BatchRecord | undefined | string {
  if (!existsSync(file)) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    return `${file} is not JSON (${(error as Error).message.split("\n")[0]}): move it away, or grade into another folder`;
  }
  const record = readBatchRecord(parsed);
  return typeof record === "string" ? `${file}: ${record}; move it away, or grade into another folder` : record;
}

async function grade(session: GradingSession, exercises: Exercise[]): Promise<GradeReport> {
  const report = await session.grade(exercises, { listeners: [] });
  if (!report) throw new Error("a class batch's grading was cancelled, but a batch never cancels one");
  return report;
}

function writeResult(file: string, report: GradeReport): void {
  writeAtomically(file, `${JSON.stringify(report, null, 2)}\n`);
}

/** `ada: 35/95 (repository, commit 1a2b3c4), 08-pi-split inconclusive` */
function describe(report: GradeReport): string {
  const { submission, summary } = report;
  const origin = [submission?.layout, submission?.zip ? "zip" : undefined, submission?.commit?.slice(0, 7)]
    .filter(Boolean)
    .join(", ");
  const inconclusive = inconclusiveIds(report);
  const pending = inconclusive.length > 0 ? `, ${inconclusive.join(", ")} inconclusive` : "";
  const late = submission?.laterCommits ? `, ${submission.laterCommits} later commits not graded` : "";
  return `${visibleText(submission?.name ?? report.target)}: ${summary.score}/${summary.maxScore} (${origin}${late})${pending}`;
}

/**
 * The result a regrade goes into: there must be one, valid, of the same code. The code is compared by the hash of
 * what was graded (a zip or loose files have no commit, and a changed one must not keep its stale cells).
 */
function earlierResult(file: string, prepared: PreparedSubmission): GradeReport | string {
  const name = visibleText(prepared.info.name);
  if (!existsSync(file)) return `${name}: no result in ${file} to regrade; grade it without --inconclusive-only`;
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    return `${name}: ${file} is not JSON (${(error as Error).message}); grade it without --inconclusive-only`;
  }
  const report = parseGradeReport(parsed);
  if (typeof report === "string") {
    return `${name}: ${file} is no valid result (${report}); grade it without --inconclusive-only`;
  }
  const before = report.submission?.contentHash;
  const now = prepared.info.contentHash;
  if (!before || before !== now) {
    const commits =
      report.submission?.commit || prepared.info.commit
        ? ` (commit ${report.submission?.commit?.slice(0, 7) ?? "none"}, now ${prepared.info.commit?.slice(0, 7) ?? "none"})`
        : "";
    return `${name} changed since it was graded${commits}: grade it whole, without --inconclusive-only`;
  }
  return report;
}
