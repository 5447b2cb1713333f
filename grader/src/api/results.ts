// @workshop/grader/results: what a grading run finds, and the words and marks every report shows it with.
export { compactDiff } from "../report/compact-diff.ts";
export {
  busyMachineNote,
  earnedItsPoints,
  formatLocation,
  formatSeconds,
  reasonLabel,
  STATUS_MARK,
  speedupSentence,
  TEST_MARK,
} from "../report/wording.ts";
export type { ExerciseResult, ExerciseStatus, GradeReport, SpeedupReport, TestResult } from "../result.ts";
