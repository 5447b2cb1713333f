import type { GradeReport } from "../result.ts";
import { summarize } from "../verdict/statuses.ts";

/**
 * A learner's result with a regrade of some of its exercises merged in: the latest verdict of each exercise,
 * the totals counted again, and every grading kept in `history`, oldest first. `run` stays the first grading's:
 * it describes the submission's grading as a whole, and each attempt's own provenance is in the history.
 */
export function mergeRegrade(previous: GradeReport, regrade: GradeReport): GradeReport {
  const latest = new Map(regrade.exercises.map((result) => [result.id, result]));
  const exercises = previous.exercises.map((result) => latest.get(result.id) ?? result);
  for (const result of regrade.exercises) {
    if (!previous.exercises.some((earlier) => earlier.id === result.id)) exercises.push(result);
  }
  const history = previous.history ?? [{ run: previous.run, exercises: previous.exercises }];
  const merged: GradeReport = {
    ...previous,
    summary: summarize(exercises),
    exercises,
    history: [...history, { run: regrade.run, exercises: regrade.exercises }],
  };
  const submission = regrade.submission ?? previous.submission;
  if (submission) merged.submission = submission;
  return merged;
}

/** The ids of a result's exercises whose speedup was inconclusive: what a regrade grades again. */
export function inconclusiveIds(report: GradeReport): string[] {
  return report.exercises.filter((result) => result.status === "inconclusive").map((result) => result.id);
}
