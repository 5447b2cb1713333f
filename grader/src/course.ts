import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import * as v from "valibot";
import { firstIssue } from "./curriculum/exercise-schema.ts";
import { CurriculumError } from "./errors.ts";
import { displayPath, workshop } from "./paths.ts";

/** When Gradescope shows a result to the learner: the values its results.json accepts. */
export const GRADESCOPE_VISIBILITIES = ["visible", "after_due_date", "after_published", "hidden"] as const;
export type GradescopeVisibility = (typeof GRADESCOPE_VISIBILITIES)[number];

/**
 * `course.json` at the workshop's root: the choices an instructor makes once for a course, read by every
 * graded run and report. Without the file, the defaults below hold.
 */
export const courseSchema = v.strictObject({
  $schema: v.optional(v.string()),
  /**
   * What an inconclusive speedup (tests pass, structure proved parallel, the machine too busy to time it) is
   * worth. `structure`: the points, flagged for review (the default: a busy runner is not the learner's doing).
   * `zero`: no points until a regrade measures it.
   */
  inconclusiveSpeedup: v.optional(v.picklist(["structure", "zero"]), "structure"),
  gradescope: v.optional(
    v.strictObject({
      visibility: v.optional(v.picklist(GRADESCOPE_VISIBILITIES), "visible"),
      hiddenTestVisibility: v.optional(v.picklist(GRADESCOPE_VISIBILITIES), "after_published"),
    }),
    {},
  ),
  /**
   * The course's time zone (IANA, such as `Europe/Brussels`): the class report shows due dates, submission and
   * grading times in it. Without it, the zone of the machine that writes the report.
   */
  timeZone: v.optional(v.pipe(v.string(), v.check(isTimeZone, "an IANA time zone, such as Europe/Brussels or UTC"))),
  /**
   * The class report's similarity section: a pair of learners (or a learner and the reference solution) is
   * flagged when their code for an exercise is at least this alike (0 to 1; see docs/instructors.md).
   */
  similarity: v.optional(
    v.strictObject({ threshold: v.optional(v.pipe(v.number(), v.minValue(0), v.maxValue(1)), 0.6) }),
    {},
  ),
  /**
   * GitHub Classroom: where the workflow in each learner's repository takes the tests and grader from. Without
   * `template`, the template the repository was made from (GitHub knows it); `ref`: its branch, tag or commit.
   */
  classroom: v.optional(
    v.strictObject({
      template: v.optional(v.pipe(v.string(), v.regex(/^[\w.-]+\/[\w.-]+$/, "owner/repository"))),
      ref: v.optional(v.pipe(v.string(), v.minLength(1))),
    }),
    {},
  ),
});

export type Course = v.InferOutput<typeof courseSchema>;

/** Whether `zone` is a time zone this Node knows (its ICU data has every IANA zone). */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export const courseFile = join(workshop.root, "course.json");

export function loadCourse(file = courseFile): Course {
  if (!existsSync(file)) return v.parse(courseSchema, {});
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new CurriculumError(
      `${displayPath(file)} is not JSON (${(error as Error).message.split("\n")[0]}): fix or delete it.`,
    );
  }
  const result = v.safeParse(courseSchema, parsed);
  if (result.success) return result.output;
  const { field, message } = firstIssue(result.issues);
  throw new CurriculumError(
    `${displayPath(file)}, field ${field}: ${message}. See docs/instructors.md, "The course's settings".`,
  );
}
