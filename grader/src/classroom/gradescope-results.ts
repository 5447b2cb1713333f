import * as v from "valibot";
import { EXERCISE_ID } from "../curriculum/exercise-schema.ts";
import { reasonLabel } from "../report/wording.ts";
import type { NotGraded } from "./class-submissions.ts";
import { type GradedExercise, type LearnerResult, reasonFrom, speedupOf } from "./learner-result.ts";
import { runSchema, schemaProblems, speedupSchema, statusSchema, submissionSchema } from "./result-schema.ts";

const count = v.pipe(v.number(), v.finite(), v.minValue(0));

/**
 * Gradescope's results.json as this workshop's autograder writes it (report/gradescope.ts), in the fields the class
 * summary reads: each one checked, as a result file of the workshop's own is (result-schema.ts).
 */
const gradescopeSchema = v.object({
  output: v.optional(v.string()),
  extra_data: v.optional(
    v.object({
      schemaVersion: v.number(),
      run: v.optional(runSchema),
      submission: v.optional(submissionSchema),
    }),
  ),
  tests: v.array(
    v.object({
      name: v.optional(v.string()),
      score: v.optional(count),
      max_score: v.optional(count),
      extra_data: v.optional(
        v.object({
          id: v.optional(v.pipe(v.string(), v.regex(EXERCISE_ID, "an exercise id such as 03-fibonacci"))),
          status: v.optional(v.string()),
          reason: v.optional(v.string()),
          label: v.optional(v.string()),
          message: v.optional(v.string()),
          hidden: v.optional(v.boolean()),
          speedup: v.optional(speedupSchema),
          review: v.optional(v.string()),
        }),
      ),
    }),
  ),
});

/**
 * A learner's result from Gradescope's results.json: one test per exercise whose `extra_data` holds the grader's
 * own verdict, and the run's provenance at the top. A results.json that says the submission could not be graded
 * (run_autograder's last resort) is a NotGraded; one written by another autograder, or not of this shape, is
 * refused, with why.
 */
export function readGradescopeResults(value: object, learner: string): LearnerResult | NotGraded | string {
  const parsed = v.safeParse(gradescopeSchema, value);
  if (!parsed.success) return `not a valid Gradescope results.json: ${schemaProblems(parsed.issues)}`;
  const results = parsed.output;
  if (results.tests.length === 0) {
    return { name: learner, problem: `${learner}: Gradescope could not grade it: ${results.output ?? "no output"}` };
  }
  if (!results.extra_data) return "a Gradescope results.json, but not this workshop's (no extra_data.schemaVersion)";
  const exercises: GradedExercise[] = [];
  for (const test of results.tests) {
    const extra = test.extra_data;
    if (!extra || extra.hidden) continue;
    const status = v.safeParse(statusSchema, extra.status);
    if (!status.success) return `test "${test.name ?? "?"}" has no status of this grader's (${String(extra.status)})`;
    const name = test.name ?? "";
    const id = extra.id ?? name.split(":")[0] ?? "";
    if (!EXERCISE_ID.test(id)) return `test "${name}" names no exercise of this workshop's form (NN-slug)`;
    const reason = reasonFrom(extra.reason, status.output);
    exercises.push({
      id,
      title: name.replace(/^[^:]*:\s*/, ""),
      status: status.output,
      reason,
      label: reasonLabel(reason, extra.speedup),
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
