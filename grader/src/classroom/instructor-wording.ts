import type { InconclusivePolicy, Reason } from "../result.ts";
import type { GradedExercise } from "./learner-result.ts";

/**
 * What an exercise's verdict means, said to the instructor: what the learner's code did and what the instructor
 * may do, in the third person. The message in the result is the learner's ("close other programs", "run
 * `pnpm grade 3`"); the class report shows it as what the learner was told, under this sentence.
 */
export function instructorSentence(exercise: GradedExercise, policy: InconclusivePolicy | undefined): string {
  const tests = exercise.tests;
  const passing = tests && tests.total > 0 ? `${tests.passed} of ${tests.total} tests pass` : undefined;
  const speedup = exercise.speedup;
  const measured =
    speedup?.measured === undefined
      ? ""
      : ` (measured ${speedup.measured.toFixed(2)}x, ${speedup.required.toFixed(2)}x required on ${speedup.cores} cores)`;
  const sentences: Record<Reason, () => string> = {
    passed: () => "Passed.",
    "not-started": () => "Not started: the starter as handed out.",
    "missing-file": () => "Not handed in: a file the exercise needs is not in the submission.",
    "syntax-error": () => "Does not parse (a syntax error), so none of its tests ran.",
    "missing-export": () => "A name the tests import is not exported: missing, or spelled otherwise.",
    "load-error": () => "Throws as it loads, before any test runs.",
    "test-failed": () => (passing ? `${passing}.` : "A test fails."),
    "hidden-test-failed": () =>
      "Every public test passes; a hidden test fails (a case the public tests do not show the learner).",
    "escaped-error": () =>
      "An error escaped the tests (an unhandled rejection, or a throw in a timer or worker): the code misbehaves " +
      "even where the tests' expectations hold.",
    "process-exit": () => "Calls process.exit(), which ends whatever program uses it.",
    "uses-unfinished": () => "Builds on an earlier exercise of the learner's that does not pass yet.",
    "speedup-failed": () => `The tests pass; the speedup check failed: ${exercise.label}${measured}.`,
    "timed-out": () =>
      `Still running at the time limit, and stopped${passing ? `; by then ${passing.replace(" pass", " had passed")}` : ""}: ` +
      "usually an endless loop or a promise that never settles.",
    "limit-reached": () =>
      "Went past a limit of the grading sandbox (processes, disk or output) and was stopped there; the rest of " +
      "the class was graded as usual.",
    "out-of-memory": () => "Ran out of memory: typically an endless source collected into an array.",
    crashed: () => "The test process died under the code (a native crash or a kill).",
    inconclusive: () =>
      `The tests pass and the split is parallel; the grading machine was too busy to time the speedup${measured}. ` +
      "Nothing is wrong with the code: regrade it on a quieter machine. " +
      (policy === "zero"
        ? "Under this course's policy it has no points until it is measured."
        : "Under this course's policy it keeps its points meanwhile."),
    "tampered-test": () =>
      "The submission changed a test or a file the workshop gives: graded with the workshop's own, the changed " +
      "copy never ran. Worth a look.",
    "tampered-workshop": () => "The code wrote to the grader's files or the manifest of test hashes. Worth a look.",
    "tampered-framework": () => "The code patched the test framework to change what the tests report. Worth a look.",
    "forbidden-import": () => "The code reached for the reference solutions or the hidden tests. Worth a look.",
    "config-error": () =>
      "The grading itself failed here, not the learner's code: see what the learner was told, fix the setup, " +
      "and grade it again.",
  };
  const sentence = sentences[exercise.reason]();
  return exercise.review ? `${sentence} For review: ${exercise.review}` : sentence;
}
