import type { Exercise } from "../curriculum/load-curriculum.ts";
import type {
  ExerciseResult,
  InconclusivePolicy,
  Reason,
  SourceLocation,
  SpeedupReport,
  TestResult,
} from "../result.ts";
import type { ReportedError } from "../run/messages.ts";
import { explainFailedTests, explainLoadError, sentence, withForgottenAwait } from "./explain.ts";
import { pointsFor, STATUS_OF } from "./statuses.ts";
import { errorText, NEVER_SETTLED, type TestEvidence } from "./test-evidence.ts";

/** Everything the pipeline found out about one exercise; `decide` turns it into the verdict. */
export interface Evidence {
  exercise: Exercise;
  /** A learner file that is not there, as the learner names it. */
  missingFile?: string;
  /** The tree is a learner's submission (a class batch, Gradescope): a missing file was not handed in. */
  submitted?: boolean;
  syntaxError?: { shown: string; message: string; location: SourceLocation };
  missingExports?: { shown: string; missing: string[]; expected: string[]; location: SourceLocation };
  /** The tests, the grader or the rules of a graded run were broken: what, in words that name the file. */
  tampered?: {
    reason: Extract<Reason, "tampered-test" | "tampered-workshop" | "tampered-framework" | "forbidden-import">;
    message: string;
  };
  /** The grader could not grade, and why. */
  configError?: string;
  tests?: TestEvidence;
  /** Every learner file is still the shipped starter, and its first TODO. */
  untouched?: { todo: string; location: SourceLocation };
  speedup?: SpeedupReport;
  warnings: string[];
  durationMs: number;
  /** The wall-clock limit the tests had: the exercise's own, or `--timeout`'s. */
  timeLimitSeconds: number;
  policy: InconclusivePolicy;
  /** Whether the learner may see hidden tests' messages (never: only the instructor's reports may). */
  showHidden: boolean;
}

interface Verdict {
  reason: Reason;
  message: string;
  location?: SourceLocation;
  diff?: string;
}

/**
 * The one place a verdict is decided. The clearest explanation wins: a missing file, a syntax error or a
 * missing export is said in those words, whatever the tests did; then what the test process saw, in order of
 * how much it explains; then the speedup. The status and points follow from the reason (statuses.ts).
 */
export function decide(evidence: Evidence): ExerciseResult {
  const { verdict, warnings } = withForgottenAwait(judge(evidence), evidence.warnings);
  const { exercise } = evidence;
  const status = STATUS_OF[verdict.reason];
  const result: ExerciseResult = {
    id: exercise.id,
    number: exercise.number,
    title: exercise.title,
    status,
    reason: verdict.reason,
    durationMs: Math.round(evidence.durationMs),
    message: verdict.message,
    points: pointsFor(status, exercise.points, evidence.policy),
    maxPoints: exercise.points,
    tests: (evidence.tests?.tests ?? []).map((test) => (evidence.showHidden ? test : withoutSecrets(test))),
    output: evidence.tests?.output ?? "",
    warnings,
  };
  if (verdict.location) result.location = verdict.location;
  if (verdict.diff) result.diff = verdict.diff;
  if (evidence.speedup) result.speedup = evidence.speedup;
  if (status === "inconclusive" && evidence.policy === "structure") {
    result.review =
      "the tests pass and the structure of the split is right, but the speedup could not be timed on this " +
      "machine: the points stand under the course's policy; regrade to measure it";
  }
  if (evidence.speedup?.verdict === "structure-only") {
    result.warnings = [...result.warnings, `the speedup was not timed: ${evidence.speedup.reason}`];
  }
  return result;
}

function judge(evidence: Evidence): Verdict {
  const { exercise, tests } = evidence;
  if (evidence.configError) return { reason: "config-error", message: evidence.configError };
  if (evidence.tampered) return { reason: evidence.tampered.reason, message: evidence.tampered.message };
  if (evidence.missingFile) {
    return {
      reason: "missing-file",
      message: evidence.submitted
        ? `${evidence.missingFile} is not in the submission: this exercise needs it. Hand it in with the others.`
        : `${evidence.missingFile} is missing: this exercise needs it. ` +
          `Restore the starter with \`pnpm grade reset ${exercise.number}\`.`,
    };
  }
  if (evidence.syntaxError) {
    const { shown, message, location } = evidence.syntaxError;
    return {
      reason: "syntax-error",
      message: `syntax error in ${shown}:${location.line}:${location.column}: ${sentence(message)} Fix it and grade again.`,
      location,
    };
  }
  if (evidence.missingExports) {
    const { shown, missing, expected, location } = evidence.missingExports;
    const names = (list: string[]) => list.map((name) => `\`${name}\``).join(", ");
    return {
      reason: "missing-export",
      message:
        `${shown} does not export ${names(missing)}. The exercise's contract (its exercise.json) asks for ` +
        `${names(expected)}: check the spelling and the \`export\` keyword.`,
      location,
    };
  }
  if (!tests) return { reason: "config-error", message: "the tests did not run, and the grader does not know why." };
  if (tests.startupFailure !== undefined) {
    return {
      reason: "config-error",
      message:
        `the test process could not start, so nothing was graded: ${tests.startupFailure || "it said nothing"}\n` +
        "This is the grading's problem, not your code's: reinstall the workshop (pnpm install), or tell whoever runs the grading.",
    };
  }
  const publicTests = tests.tests.filter((test) => !test.hidden);
  const passed = publicTests.filter((test) => test.status === "passed").length;
  if (tests.limit) {
    return { reason: tests.limit.what === "memory" ? "out-of-memory" : "limit-reached", message: tests.limit.message };
  }
  if (tests.timedOut) {
    const stopped =
      `timed out after ${evidence.timeLimitSeconds} s and was stopped (${passed} test${passed === 1 ? "" : "s"} ` +
      "had passed).";
    const stuck = publicTests.find((test) => test.message === NEVER_SETTLED);
    if (stuck) return { reason: "timed-out", message: `${stopped} "${stuck.name}": ${stuck.message}`, ...at(stuck) };
    return {
      reason: "timed-out",
      message:
        `${stopped} Look for a loop that never ends without a yield or await (e.g. \`while (true) {}\`), a promise ` +
        "that never settles, or work far larger than asked.",
    };
  }
  if (tests.crashed?.outOfMemory) {
    return {
      reason: "out-of-memory",
      message:
        "the tests ran out of memory and were stopped. An infinite source collected into an array does that: " +
        "`[...integers()]` or `Array.from(integers())` never ends. Take what you need first: `[...take(10, integers())]`.",
    };
  }
  const errors = [...tests.unhandled, ...tests.moduleErrors, ...publicTests.flatMap(errorsOf)];
  const exitCall = errors.find((error) => /process\.exit/.test(error.message));
  if (exitCall) {
    return {
      reason: "process-exit",
      message:
        "your code called process.exit(), which would end any program that uses it. Remove the call: return a " +
        "value or throw an error instead.",
      ...at(exitCall),
    };
  }
  if (tests.crashed) {
    return {
      reason: "crashed",
      message: `the test process stopped before it finished (${tests.crashed.how}). Your code may have crashed it or a worker.`,
    };
  }
  const unfinished = untouchedOrTodo(evidence);
  if (unfinished) return unfinished;
  const [moduleError] = tests.moduleErrors;
  if (moduleError) {
    // Tests that ran mean the code loaded: the error came from a hook around them (such as the open-pool check).
    if (publicTests.length > 0)
      return { reason: "test-failed", message: `after the tests: ${errorText(moduleError)}`, ...at(moduleError) };
    return explainLoadError(moduleError);
  }
  const failing = publicTests.filter((test) => test.status === "failed");
  if (failing.length > 0) return explainFailedTests(failing, publicTests);
  const [escaped] = tests.unhandled;
  if (escaped) {
    return {
      reason: "escaped-error",
      message:
        `an error escaped every test: ${errorText(escaped)}. A promise was rejected with nobody awaiting it, or a ` +
        "worker or timer threw after its test ended. Await every promise you start.",
      ...at(escaped),
    };
  }
  if (passed === 0) return { reason: "crashed", message: "no test ran: the test process reported none." };
  const hidden = tests.tests.filter((test) => test.hidden);
  const hiddenFailed = hidden.filter((test) => test.status !== "passed");
  if (hiddenFailed.length > 0 || tests.hiddenModuleErrors.length > 0) {
    const names = hiddenFailed.map((test) => `"${test.name}"`).join(", ");
    const what =
      hiddenFailed.length > 0
        ? `${hiddenFailed.length} of the ${hidden.length} hidden test${hidden.length === 1 ? "" : "s"} failed: ${names}`
        : "a hidden test file could not load your code";
    return {
      reason: "hidden-test-failed",
      message:
        `every public test passes, but ${what}. Hidden tests try cases the public ones do not; reread the task ` +
        "for what your code assumes.",
    };
  }
  return speedupVerdict(evidence.speedup);
}

function speedupVerdict(speedup: SpeedupReport | undefined): Verdict {
  switch (speedup?.verdict) {
    case undefined:
    case "passed":
    case "structure-only":
      return { reason: "passed", message: "" };
    case "failed":
      return { reason: "speedup-failed", message: `the tests pass, but the speedup check failed: ${speedup.reason}` };
    case "inconclusive":
      return {
        reason: "inconclusive",
        message:
          `the tests pass, but the speedup could not be measured: ${speedup.reason}. This says nothing about your ` +
          "code: grade again on a quieter machine (close other programs, or wait for the ones running to finish).",
      };
  }
}

/**
 * "Not started yet" for a starter nobody has touched, or whose every failure is a TODO of its own; "finish that
 * one first" when the failures are the TODOs of an earlier exercise this one uses.
 */
function untouchedOrTodo(evidence: Evidence): Verdict | undefined {
  const { exercise, untouched, tests } = evidence;
  if (untouched) {
    return {
      reason: "not-started",
      message: `not started yet: the TODO "${untouched.todo}" is waiting for you.`,
      location: untouched.location,
    };
  }
  const failures = (tests?.tests ?? []).filter((test) => !test.hidden && test.status === "failed");
  const errors = [
    ...(tests?.moduleErrors ?? []).map((error) => error.message),
    ...failures.map((test) => test.message),
  ];
  if (errors.length === 0) return undefined;
  const todoOf = (text: string) => /TODO: (\d{2}-[a-z0-9-]+):/.exec(text)?.[1];
  const owners = new Set(errors.map(todoOf));
  if (owners.size !== 1) return undefined;
  const [owner] = owners;
  if (owner === exercise.id) {
    const first = failures[0];
    const task = (first?.message ?? errors[0] ?? "")
      .replace(/^[\s\S]*?TODO: \d{2}-[a-z0-9-]+:\s*/, "")
      .split(/["\n]/)[0];
    return {
      reason: "not-started",
      message: `not started yet: the TODO "${task?.trim()}" is waiting for you.`,
      ...at(first),
    };
  }
  if (owner && exercise.uses.includes(owner)) {
    return {
      reason: "uses-unfinished",
      message:
        `${exercise.id} builds on your code of ${owner}, which is not written yet: finish ${owner} first ` +
        `(\`pnpm grade ${Number(owner.slice(0, 2))}\`), then come back.`,
    };
  }
  return undefined;
}

function errorsOf(test: TestResult): ReportedError[] {
  return test.message ? [{ name: "Error", message: test.message }] : [];
}

function at(source: { location?: SourceLocation } | undefined): { location?: SourceLocation } {
  return source?.location ? { location: source.location } : {};
}

/** A hidden test as the learner's reports show it: its name and whether it passed, never what it checked. */
function withoutSecrets(test: TestResult): TestResult {
  if (!test.hidden) return test;
  return { name: test.name, status: test.status, durationMs: test.durationMs, message: "", hidden: true };
}
