import { REASON_LABEL } from "../report/wording.ts";
import {
  type ExerciseStatus,
  REASONS,
  type Reason,
  type RunProvenance,
  type SpeedupReport,
  type SubmissionInfo,
  type TestResult,
} from "../result.ts";
import { STATUS_OF } from "../verdict/statuses.ts";

/** One exercise of one learner's result, as the class summary needs it, whichever format it was read from. */
export interface GradedExercise {
  id: string;
  title: string;
  status: ExerciseStatus;
  reason: Reason;
  /** The reason in words, finer for a failed speedup (`sequential split`). */
  label: string;
  points: number;
  maxPoints: number;
  speedup?: Pick<SpeedupReport, "verdict" | "measured" | "required" | "cores">;
  message: string;
  /** How many of its public tests passed, of how many that reported: what an instructor's sentence counts. */
  tests?: { passed: number; total: number };
  review?: string;
}

/** One learner's result, named by its file without `.json`. */
export interface LearnerResult {
  learner: string;
  /** `workshop`: the grader's JSON (`--json`, a class batch); `gradescope`: Gradescope's results.json. */
  format: "workshop" | "gradescope";
  exercises: GradedExercise[];
  run?: RunProvenance;
  submission?: SubmissionInfo;
  /** How many gradings went into it: more than one when a batch regraded an inconclusive speedup. */
  gradings: number;
}

export function speedupOf(speedup: SpeedupReport): NonNullable<GradedExercise["speedup"]> {
  const { verdict, required, cores } = speedup;
  return { verdict, required, cores, ...(speedup.measured === undefined ? {} : { measured: speedup.measured }) };
}

/** A reason read back from a document: the code itself, a label of the summary's, or what its status implies. */
export function reasonFrom(value: unknown, status: ExerciseStatus): Reason {
  if (REASONS.includes(value as Reason)) return value as Reason;
  const byLabel = (Object.keys(REASON_LABEL) as Reason[]).find((reason) => REASON_LABEL[reason] === value);
  if (byLabel) return byLabel;
  return REASONS.find((reason) => STATUS_OF[reason] === status) ?? "config-error";
}

/** The public tests of an exercise that passed, of those that reported. */
export function testCounts(tests: TestResult[]): { passed: number; total: number } {
  const shown = tests.filter((test) => !test.hidden);
  return { passed: shown.filter((test) => test.status === "passed").length, total: shown.length };
}
