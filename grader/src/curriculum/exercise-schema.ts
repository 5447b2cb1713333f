import * as v from "valibot";

/** An exercise id, the name of its folder: two digits for the order, then the slug (`03-fibonacci`). */
export const EXERCISE_ID = /^(\d{2})-([a-z0-9]+(?:-[a-z0-9]+)*)$/;

/** A file of the exercise's own folder, by name: no folders, so that every tree lays it out the same way. */
const fileName = (ending: string) =>
  v.pipe(
    v.string(),
    v.regex(/^[a-z0-9][a-z0-9.-]*$/, "a file name in the exercise's folder (lower case, no folders)"),
    v.endsWith(ending, `a file name ending in ${ending}`),
  );

const identifier = v.pipe(v.string(), v.regex(/^[A-Za-z_$][\w$]*$/, "a JavaScript name"));
const exerciseId = (example: string) => v.pipe(v.string(), v.regex(EXERCISE_ID, `an exercise id such as ${example}`));

/** The function the speedup check times, and where it lives: this exercise's file, or an earlier one's it uses. */
const speedupEntry = v.strictObject({
  exercise: v.optional(exerciseId("08-pi-split")),
  file: fileName(".ts"),
  export: identifier,
});

/** The efficiency study of the lesson: a sweep over the number of tasks, the overhead it shows, and its plot. */
const efficiencyContract = v.strictObject({
  file: fileName(".ts"),
  sweep: identifier,
  overheadPerTask: identifier,
  savePlot: identifier,
  /** Rows of the sweep: njobs = 2^0, 2^1, ..., 2^(rows - 1). */
  rows: v.pipe(v.number(), v.integer(), v.minValue(2), v.maxValue(16)),
  /** The samples every row of the grader's sweep throws in all (the lesson's 2^25 is for the learner's own run). */
  totalSamples: v.pipe(v.number(), v.integer(), v.minValue(1)),
});

/**
 * `exercises/NN-slug/exercise.json`: the one description of an exercise. The grader, the self-check, the
 * manifest, the submission copier, the workflows and the docs take every fact about an exercise from here.
 *
 * valibot rather than zod: it validates the same, and loads in a fraction of the time,
 * which every `pnpm grade` would pay.
 */
export const exerciseSchema = v.strictObject({
  $schema: v.optional(v.string()),
  title: v.pipe(v.string(), v.trim(), v.minLength(1, "a title")),
  points: v.pipe(v.number(), v.integer("a whole number of points"), v.minValue(0)),
  /** Wall-clock limit for the exercise's tests, in seconds; the speedup check has a limit of its own. */
  timeLimitSeconds: v.pipe(v.number(), v.minValue(1), v.maxValue(600)),
  /** Passes as shipped: the self-check does not expect its starter to fail. */
  workedExample: v.optional(v.boolean(), false),
  files: v.strictObject({
    /** What the learner edits and is graded on. */
    learner: v.pipe(v.array(fileName(".ts")), v.minLength(1, "at least one learner file")),
    /** Handed to the learner and used as shipped, never graded as theirs. */
    given: v.optional(v.array(fileName(".ts")), []),
    /** The public test, which the learner reads and runs. */
    test: fileName(".test.ts"),
    /** Tests in `hidden/` that only the instructor's edition has, run in graded runs. */
    hidden: v.optional(
      v.array(v.pipe(v.string(), v.regex(/^hidden\/[a-z0-9][a-z0-9.-]*\.test\.ts$/, "hidden/<name>.test.ts"))),
      [],
    ),
  }),
  /** Earlier exercises whose learner files this one imports (`../01-integers/integers.ts`). */
  uses: v.optional(v.array(exerciseId("01-integers")), []),
  contract: v.strictObject({
    /** The names each learner file must export: the ones the tests import. */
    exports: v.record(fileName(".ts"), v.pipe(v.array(identifier), v.minLength(1))),
    speedup: v.optional(v.strictObject({ split: speedupEntry, efficiency: v.optional(efficiencyContract) })),
  }),
});

export type ExerciseMetadata = v.InferOutput<typeof exerciseSchema>;

/** The first problem valibot found, as `field: message`. */
export function firstIssue(issues: v.BaseIssue<unknown>[]): { field: string; message: string } {
  const [issue] = issues;
  const path = v.getDotPath(issue as v.BaseIssue<unknown>);
  return { field: path ?? "(the whole file)", message: issue?.message ?? "not valid" };
}
