import { type Course, loadCourse } from "../course.ts";
import type { Exercise } from "../curriculum/load-curriculum.ts";
import { type Manifest, readManifest } from "../manifest.ts";
import { createGradingSession } from "../pipeline/create-session.ts";
import type { GradingSession } from "../pipeline/session.ts";
import type { PreparedSubmission } from "./prepare-submission.ts";

/** What grading any submission of a class takes: the same for the batch and for Gradescope's run_autograder. */
export interface ClassGrading {
  curriculum: Exercise[];
  manifest: Manifest;
  course: Course;
  /** `--timeout`: replaces every exercise's own limit, in seconds. */
  timeLimitSeconds?: number;
  /** `--no-sandbox`: grade without a sandbox, the results marked unprotected (run/sandbox.ts). */
  allowUnprotected?: boolean;
}

/**
 * The one way a learner's submission is graded, whichever command asks (`pnpm instructor batch`,
 * `pnpm instructor grade-submission`, and so Gradescope): a graded session of the workshop's pipeline over the
 * submission's fresh tree, with the workshop's tests, settings and installed packages. Hidden tests' messages
 * are kept, since these results are the instructor's (Gradescope shows them as course.json says).
 */
export function submissionSession(prepared: PreparedSubmission, grading: ClassGrading): GradingSession {
  return createGradingSession({
    curriculum: grading.curriculum,
    source: prepared.tree,
    label: prepared.info.name,
    mode: "graded",
    manifest: grading.manifest,
    policy: grading.course.inconclusiveSpeedup,
    revealHiddenTests: true,
    submission: { info: prepared.info, changes: prepared.changes },
    ...(grading.timeLimitSeconds ? { timeLimitSeconds: grading.timeLimitSeconds } : {}),
    ...(grading.allowUnprotected ? { allowUnprotected: true } : {}),
  });
}

/** The grading of this workshop as its files are now: manifest and course.json. */
export function classGrading(
  curriculum: Exercise[],
  flags: { timeLimitSeconds?: number | undefined; sandbox?: boolean | undefined } = {},
): ClassGrading {
  return {
    curriculum,
    manifest: readManifest(),
    course: loadCourse(),
    ...(flags.timeLimitSeconds ? { timeLimitSeconds: flags.timeLimitSeconds } : {}),
    ...(flags.sandbox === false ? { allowUnprotected: true } : {}),
  };
}
