import type { Course } from "../course.ts";
import type { Exercise } from "../curriculum/load-curriculum.ts";
import { writeAtomically } from "../files/write-atomically.ts";
import type { GradingSession } from "../pipeline/session.ts";
import type { Reporter } from "../report/reporter.ts";
import { REPORTERS, type ReporterName } from "../report/reporters.ts";

export interface GradeRunOptions {
  curriculum: Exercise[];
  exercises: Exercise[];
  session: GradingSession;
  reporter: ReporterName;
  verbose: boolean;
  course: Course;
  /** Where a document reporter writes; stdout when absent. */
  out?: string;
}

/**
 * One grading run from the command line: the session grades, the reporters listen. A document reporter's
 * document goes to `--out`, or alone to stdout (the terminal report then stays quiet, so that stdout holds
 * exactly the document, whatever the learner's code printed: its output only ever reaches a report through the
 * grader). Resolves with the exit code: 0 when every exercise earned its points, 1 otherwise.
 */
export async function gradeRun(options: GradeRunOptions): Promise<number> {
  const reporterOptions = {
    curriculum: options.curriculum,
    verbose: options.verbose,
    gradescope: options.course.gradescope,
  };
  const listeners: Reporter[] = [];
  const document = options.reporter === "terminal" ? undefined : REPORTERS[options.reporter](reporterOptions);
  if (document) listeners.push(document);
  if (!document || options.out) listeners.push(REPORTERS.terminal(reporterOptions));
  // Ctrl-C ends the process (run/process-tree.ts stops every child first), so a run needs no signal of its own.
  const report = await options.session.grade(options.exercises, {
    listeners: listeners.map((listener) => (event) => listener.onEvent(event)),
    // The time reported is the command's, its own start included: what the learner waited, not the grading alone.
    startedAt: 0,
  });
  options.session.close();
  if (!report) return 130;
  const text = document?.document?.();
  if (text !== undefined) {
    if (options.out) writeAtomically(options.out, text);
    else process.stdout.write(text);
  }
  return report.exercises.every((result) => result.points === result.maxPoints) ? 0 : 1;
}
