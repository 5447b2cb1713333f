import type { ExerciseResult, ExerciseStatus, GradeReport, InconclusivePolicy, Reason } from "../result.ts";

/** The status each reason gives an exercise: the one table from which every verdict's status follows. */
export const STATUS_OF: Record<Reason, ExerciseStatus> = {
  passed: "passed",
  "not-started": "failed",
  "missing-file": "failed",
  "syntax-error": "failed",
  "missing-export": "failed",
  "load-error": "failed",
  "test-failed": "failed",
  "hidden-test-failed": "failed",
  "escaped-error": "failed",
  "process-exit": "failed",
  "uses-unfinished": "failed",
  "speedup-failed": "failed",
  "timed-out": "timed-out",
  "out-of-memory": "crashed",
  "limit-reached": "crashed",
  crashed: "crashed",
  inconclusive: "inconclusive",
  "tampered-test": "tampered",
  "tampered-workshop": "tampered",
  "tampered-framework": "tampered",
  "forbidden-import": "tampered",
  "config-error": "error",
};

/**
 * The points of a verdict: all for a pass, none for anything else, except an inconclusive speedup, whose worth the
 * course decides. Under `structure` (the default), tests that pass and a structural gate that proved the split
 * parallel earn the points, flagged for review: a busy grading machine is not the learner's doing.
 */
export function pointsFor(status: ExerciseStatus, maxPoints: number, policy: InconclusivePolicy): number {
  switch (status) {
    case "passed":
      return maxPoints;
    case "inconclusive":
      return policy === "structure" ? maxPoints : 0;
    case "failed":
    case "timed-out":
    case "crashed":
    case "tampered":
    case "error":
      return 0;
  }
}

/** The report's totals. `notPassed` counts every exercise that did not pass, inconclusive ones included. */
export function summarize(exercises: ExerciseResult[]): GradeReport["summary"] {
  const passed = exercises.filter((e) => e.status === "passed").length;
  return {
    passed,
    notPassed: exercises.length - passed,
    inconclusive: exercises.filter((e) => e.status === "inconclusive").length,
    total: exercises.length,
    score: exercises.reduce((sum, e) => sum + e.points, 0),
    maxScore: exercises.reduce((sum, e) => sum + e.maxPoints, 0),
  };
}
