import { basename } from "node:path";
import { submissionAt } from "../classroom/class-submissions.ts";
import { type DiffSide, formatExerciseDiff } from "../classroom/exercise-diff.ts";
import { type PreparedSubmission, prepareSubmission } from "../classroom/prepare-submission.ts";
import type { Exercise } from "../curriculum/load-curriculum.ts";
import { readManifest } from "../manifest.ts";

export interface DiffOptions {
  /** The exercises to show; every one the learner handed in when none is named. */
  exercises?: Exercise[];
  /** Another learner's submission to compare with, instead of the reference solution. */
  against?: string;
  colour: boolean;
}

/**
 * `pnpm instructor diff [exercise] --target <submission> [--against <submission>]`: a learner's code against the
 * reference solution or another learner's, whatever shape each was handed in as (a repository's root, an
 * exercises/ folder, loose files, a zip, a results folder's `_code/<learner>`): each is laid out as a class batch
 * lays it out (prepareSubmission), so the diff shows exactly what is graded.
 */
export async function diffCommand(curriculum: Exercise[], target: string, options: DiffOptions): Promise<string> {
  const prepared: PreparedSubmission[] = [];
  const side = async (path: string): Promise<DiffSide & { handedIn: Set<string> }> => {
    const submission = submissionAt(path);
    const ready = await prepareSubmission(submission, { curriculum, manifest: readManifest() });
    prepared.push(ready);
    const handedIn = new Set(ready.files.flatMap((file) => (file.from ? [file.exercise] : [])));
    return { label: submission.name || basename(path), tree: ready.tree, handedIn };
  };
  try {
    const learner = await side(target);
    const against = options.against ? await side(options.against) : undefined;
    const exercises = options.exercises ?? curriculum.filter((exercise) => learner.handedIn.has(exercise.id));
    return exercises.map((exercise) => formatExerciseDiff(exercise, learner, options.colour, against)).join("");
  } finally {
    for (const ready of prepared) ready.dispose();
  }
}
