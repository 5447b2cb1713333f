import type { GradescopeResults, GradescopeTest } from "../report/gradescope.ts";
import { reasonLabel } from "../report/wording.ts";
import type { NotGraded } from "./class-submissions.ts";
import { type GradedExercise, isStatus, type LearnerResult, reasonFrom, speedupOf } from "./learner-result.ts";

/**
 * A learner's result from Gradescope's results.json, as this workshop's autograder writes it (report/gradescope.ts):
 * one test per exercise whose `extra_data` holds the grader's own verdict, and the run's provenance at the top.
 * A results.json that says the submission could not be graded (run_autograder's last resort) is a NotGraded;
 * one written by another autograder is refused, with why.
 */
export function readGradescopeResults(parsed: object, learner: string): LearnerResult | NotGraded | string {
  const results = parsed as Partial<GradescopeResults>;
  const tests = (results.tests ?? []) as Partial<GradescopeTest>[];
  if (tests.length === 0) {
    const said = typeof results.output === "string" ? results.output : "no tests and no output";
    return { name: learner, problem: `${learner}: Gradescope could not grade it: ${said}` };
  }
  if (typeof results.extra_data?.schemaVersion !== "number") {
    return "a Gradescope results.json, but not this workshop's (no extra_data.schemaVersion)";
  }
  const exercises: GradedExercise[] = [];
  for (const test of tests) {
    const extra = test.extra_data;
    if (!extra || extra.hidden || !isStatus(extra.status)) continue;
    const name = test.name ?? "";
    const reason = reasonFrom(extra.reason, extra.status);
    exercises.push({
      id: extra.id ?? name.split(":")[0] ?? name,
      title: name.replace(/^[^:]*:\s*/, ""),
      status: extra.status,
      reason,
      label: extra.label ?? reasonLabel(reason, extra.speedup),
      points: test.score ?? 0,
      maxPoints: test.max_score ?? 0,
      ...(extra.speedup ? { speedup: speedupOf(extra.speedup) } : {}),
      message: extra.message ?? "",
      ...(extra.review ? { review: extra.review } : {}),
    });
  }
  const result: LearnerResult = { learner, format: "gradescope", exercises, gradings: 1 };
  if (results.extra_data.run) result.run = results.extra_data.run;
  if (results.extra_data.submission) result.submission = results.extra_data.submission;
  return result;
}
