import { resolve } from "node:path";
import pc from "picocolors";
import { submissionAt } from "../classroom/class-submissions.ts";
import { prepareSubmission } from "../classroom/prepare-submission.ts";
import { SubmissionError } from "../classroom/submission-error.ts";
import { classGrading, submissionSession } from "../classroom/submission-session.ts";
import { visibleText } from "../classroom/visible-text.ts";
import type { Exercise } from "../curriculum/load-curriculum.ts";
import type { DocumentReporterName } from "../report/reporters.ts";
import { gradeRun } from "./grade-run.ts";

export interface GradeSubmissionOptions {
  reporter: DocumentReporterName;
  out: string;
  gradescopeMetadata?: string;
  due?: string;
  timeout?: number;
  /** False with `--no-sandbox`. */
  sandbox?: boolean;
}

/** The exit code of a submission that could not be graded at all (nothing of the workshop in it, a bad zip). */
export const NOT_GRADABLE = 3;

/**
 * `pnpm instructor grade-submission <submission> --reporter gradescope --out results.json`: one learner's
 * submission graded exactly as a class batch grades each (prepareSubmission, then submissionSession), with the
 * reporter's document written atomically to `--out` and the terminal report on stdout. Gradescope's
 * run_autograder calls it. Exits 0 when every exercise earned its points, 1 otherwise, 3 when the submission
 * could not be graded (the reason on stderr).
 */
export async function gradeSubmissionCommand(
  curriculum: Exercise[],
  exercises: Exercise[],
  given: string,
  options: GradeSubmissionOptions,
): Promise<number> {
  const submission = submissionAt(given);
  const grading = classGrading(curriculum, { timeLimitSeconds: options.timeout, sandbox: options.sandbox });
  let prepared: Awaited<ReturnType<typeof prepareSubmission>>;
  try {
    prepared = await prepareSubmission(submission, {
      curriculum,
      manifest: grading.manifest,
      ...(options.gradescopeMetadata ? { gradescopeMetadata: resolve(options.gradescopeMetadata) } : {}),
      ...(options.due ? { due: options.due } : {}),
    });
  } catch (error) {
    if (!(error instanceof SubmissionError)) throw error;
    process.stderr.write(`${pc.red("not graded:")} ${visibleText(error.message)}\n`);
    return NOT_GRADABLE;
  }
  try {
    for (const file of prepared.files) {
      const from = file.from ? `from ${visibleText(file.from)}` : "not submitted";
      process.stdout.write(`${file.exercise}/${file.name}: ${from}\n`);
    }
    return await gradeRun({
      curriculum,
      exercises,
      session: submissionSession(prepared, grading),
      reporter: options.reporter,
      verbose: false,
      course: grading.course,
      out: resolve(options.out),
    });
  } finally {
    prepared.dispose();
  }
}
