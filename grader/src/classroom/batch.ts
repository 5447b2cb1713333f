import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { writeAtomically } from "../cli/grade-run.ts";
import type { Exercise } from "../curriculum/load-curriculum.ts";
import type { GradingSession } from "../pipeline/session.ts";
import { type GradeReport, RESULT_SCHEMA_VERSION } from "../result.ts";
import { BATCH_RECORD_KIND, type BatchRecord } from "./batch-record.ts";
import { BATCH_RECORD, classSubmissions, type NotGraded } from "./class-submissions.ts";
import { inconclusiveIds, mergeRegrade } from "./merge-grades.ts";
import { type PreparedSubmission, prepareSubmission } from "./prepare-submission.ts";
import { SubmissionError } from "./submission-error.ts";
import { type ClassGrading, submissionSession } from "./submission-session.ts";

export interface BatchOptions {
  submissionsDir: string;
  outDir: string;
  /** The exercises to grade (all of them, unless the instructor named some). */
  exercises: Exercise[];
  grading: ClassGrading;
  /** How many more times, at most, an inconclusive speedup is graded again in this batch. */
  regrades: number;
  /** `--due`, as an ISO date: recorded in every result. */
  due?: string;
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
  const { submissions, skipped } = classSubmissions(options.submissionsDir);
  const notGraded: NotGraded[] = [...skipped];
  const open: Open[] = [];
  for (const problem of skipped) options.log(`not graded: ${problem.problem}`);
  try {
    for (const submission of submissions) {
      let prepared: PreparedSubmission;
      try {
        prepared = await prepareSubmission(submission, {
          curriculum: options.grading.curriculum,
          manifest: options.grading.manifest,
          ...(options.due ? { due: options.due } : {}),
        });
      } catch (error) {
        if (!(error instanceof SubmissionError)) throw error;
        notGraded.push({ name: submission.name, problem: error.message });
        options.log(`not graded: ${error.message}`);
        continue;
      }
      const file = join(options.outDir, `${submission.name}.json`);
      const session = submissionSession(prepared, options.grading);
      if (options.inconclusiveOnly) {
        const previous = earlierResult(file, prepared);
        if (typeof previous === "string") {
          notGraded.push({ name: submission.name, problem: previous });
          options.log(`not graded: ${previous}`);
          prepared.dispose();
          continue;
        }
        open.push({ prepared, session, report: previous, file });
        continue;
      }
      const started = performance.now();
      const report = await grade(session, options.exercises);
      writeResult(file, report);
      open.push({ prepared, session, report, file });
      options.log(`${describe(report)} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    }
    for (let round = 1; round <= options.regrades; round++) {
      const pending = open.filter((entry) => inconclusiveIds(entry.report).length > 0);
      if (pending.length === 0) break;
      for (const entry of pending) {
        const ids = inconclusiveIds(entry.report);
        options.log(`${entry.prepared.info.name}: ${ids.join(", ")} inconclusive, graded again (round ${round})`);
        const again = options.grading.curriculum.filter((exercise) => ids.includes(exercise.id));
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
  const record: BatchRecord = {
    kind: BATCH_RECORD_KIND,
    startedAt,
    finishedAt: new Date().toISOString(),
    regrades: options.regrades,
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
  writeAtomically(join(options.outDir, `${BATCH_RECORD}.json`), `${JSON.stringify(record, null, 2)}\n`);
  for (const { name, inconclusive } of record.graded.filter((entry) => entry.inconclusive.length > 0)) {
    options.log(`still inconclusive after ${options.regrades} regrades: ${name} ${inconclusive.join(", ")}`);
  }
  return record;
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
  return `${submission?.name ?? report.target}: ${summary.score}/${summary.maxScore} (${origin})${pending}`;
}

/** The result a regrade goes into: there must be one, of this grader's format, of the same commit. */
function earlierResult(file: string, prepared: PreparedSubmission): GradeReport | string {
  const name = prepared.info.name;
  if (!existsSync(file)) return `${name}: no result in ${file} to regrade; grade it without --inconclusive-only`;
  let report: GradeReport;
  try {
    report = JSON.parse(readFileSync(file, "utf8")) as GradeReport;
  } catch (error) {
    return `${name}: ${file} is not JSON (${(error as Error).message}); grade it without --inconclusive-only`;
  }
  if (report.version !== RESULT_SCHEMA_VERSION || !Array.isArray(report.exercises)) {
    return `${name}: ${file} is no version ${RESULT_SCHEMA_VERSION} result; grade it without --inconclusive-only`;
  }
  const before = report.submission?.commit;
  const now = prepared.info.commit;
  if (before !== now) {
    return (
      `${name} changed since it was graded (commit ${before?.slice(0, 7) ?? "none"}, now ${now?.slice(0, 7) ?? "none"}): ` +
      "grade it whole, without --inconclusive-only"
    );
  }
  return report;
}
