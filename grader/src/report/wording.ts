import pc from "picocolors";

type Colors = ReturnType<typeof pc.createColors>;

import { displayPath } from "../paths.ts";
import type {
  ExerciseResult,
  ExerciseStatus,
  InconclusivePolicy,
  Reason,
  RunProvenance,
  SourceLocation,
  SpeedupReport,
  TestResult,
} from "../result.ts";

/**
 * What a learner reads when the speedup of `ids` could not be measured: never their fault, and what it costs
 * them under the course's policy.
 */
export function inconclusiveNote(ids: string[], policy: InconclusivePolicy): string {
  const what =
    `The speedup of ${ids.join(", ")} could not be measured on a busy grading machine: that says nothing about ` +
    "your code.";
  return policy === "structure"
    ? `${what} Its tests pass and the split's structure was checked, so the points stand under this course's ` +
        "policy; your instructor may regrade to measure it."
    : `${what} Under this course's policy it earns no points until it is measured: submit again, or ask your ` +
        "instructor to regrade.";
}

/**
 * What every report of a graded run without a sandbox (`--no-sandbox`) says first: its results are not
 * evidence, whatever they say. Undefined for a run that needs no such word.
 */
export function unprotectedNote(run: RunProvenance): string | undefined {
  if (run.protection !== "unprotected") return undefined;
  return (
    "Unprotected: graded with --no-sandbox, so the learner's code ran beside the tests and could have changed " +
    "these results. Grade again with a sandbox before relying on them."
  );
}

/**
 * The words, marks and colours every report uses for a status: defined once, for every status. The marks are
 * characters that even a bare Linux machine's fonts (DejaVu) draw, in a terminal and in a browser.
 */
export const STATUS_MARK: Record<ExerciseStatus, string> = {
  passed: "✓",
  failed: "✗",
  "timed-out": "◷",
  crashed: "!",
  inconclusive: "?",
  tampered: "⚠",
  error: "‼",
};

/** The mark of one test's outcome, in the Markdown report and the browser app. */
export const TEST_MARK: Record<TestResult["status"], string> = {
  passed: "✓",
  failed: "✗",
  skipped: "-",
  "not-run": "·",
};

export const STATUS_COLOUR: Record<ExerciseStatus, "green" | "red" | "yellow" | "magenta"> = {
  passed: "green",
  failed: "red",
  "timed-out": "red",
  crashed: "red",
  inconclusive: "yellow",
  tampered: "magenta",
  error: "magenta",
};

/** What a class summary's cell says of a reason, in two or three words. */
export const REASON_LABEL: Record<Reason, string> = {
  passed: "passed",
  "not-started": "not started",
  "missing-file": "file missing",
  "syntax-error": "syntax error",
  "missing-export": "export missing",
  "load-error": "does not load",
  "test-failed": "test failed",
  "hidden-test-failed": "hidden test failed",
  "escaped-error": "unhandled error",
  "process-exit": "process.exit",
  "uses-unfinished": "earlier exercise unfinished",
  "speedup-failed": "speedup failed",
  "timed-out": "timed out",
  "out-of-memory": "out of memory",
  "limit-reached": "sandbox limit",
  crashed: "crashed",
  inconclusive: "inconclusive",
  "tampered-test": "tampered test",
  "tampered-workshop": "tampered grader",
  "tampered-framework": "patched the tests",
  "forbidden-import": "reached for answers",
  "config-error": "could not grade",
};

/** The label of a cell, finer for a failed speedup: `sequential split`, `less work`, ... */
export function reasonLabel(reason: Reason, speedup?: SpeedupReport): string {
  if (reason !== "speedup-failed" || !speedup?.problem) return REASON_LABEL[reason];
  const problem: Record<NonNullable<SpeedupReport["problem"]>, string> = {
    threw: "split threw",
    "not-a-number": "split returned no number",
    "main-thread": "kernel on main thread",
    "own-pool": "pool of its own",
    "unfinished-tasks": "tasks left running",
    "no-tasks": "hard-coded pi",
    "tasks-on-main-thread": "tasks on main thread",
    "less-work": "less work",
    sequential: "sequential split",
    "idle-threads": "idle threads",
    "shared-seeds": "shared seeds",
    "not-the-mean": "not the mean",
    "improbable-estimate": "improbable estimate",
    "repeated-seeds": "repeated seeds",
    "repeated-answer": "cached pi",
    "never-finished": "never finished",
    stopped: "speedup check stopped",
    sweep: "sweep wrong",
    slow: "not faster",
  };
  return problem[speedup.problem];
}

/**
 * Whether an exercise is done: it earned its points. A pass, or a speedup a busy machine could not time, whose
 * points the course's policy lets stand (`inconclusiveSpeedup: "structure"`); under "zero" it is not done.
 */
export function earnedItsPoints(result: Pick<ExerciseResult, "status" | "points" | "maxPoints">): boolean {
  return result.status === "passed" || (result.maxPoints > 0 && result.points === result.maxPoints);
}

/** `✓ passed` in the status's colour. */
export function formatStatus(status: ExerciseStatus, c: Colors = pc): string {
  return c[STATUS_COLOUR[status]](`${STATUS_MARK[status]} ${status}`);
}

/** `a, b or c`: the choices a help text or an error offers, from the list that defines them. */
export function oneOf(choices: readonly string[]): string {
  return choices.length < 2 ? choices.join("") : `${choices.slice(0, -1).join(", ")} or ${choices.at(-1)}`;
}

export function formatSeconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

/** A location as editors and terminals make clickable: path from the workshop's root, line and column. */
export function formatLocation(location: SourceLocation): string {
  return `${displayPath(location.file)}:${location.line}:${location.column}`;
}

/** One line on the speedup: what was measured against what is required, or why nothing was. */
export function speedupSentence(speedup: SpeedupReport): string {
  if (speedup.measured === undefined) return `speedup not timed (${speedup.verdict}): ${speedup.reason}`;
  return `speedup ${speedupFigures(speedup, speedup.measured)} (${speedup.verdict})`;
}

/**
 * `1.72x measured, 1.40x required on 2 cores, efficiency 86%`: the figures of a timed speedup, as every report
 * gives them. `emphasise` marks the measured figure (the terminal's bold); `coresFrom` says where the cores were
 * counted, when that says more.
 */
export function speedupFigures(
  speedup: SpeedupReport,
  measured: number,
  emphasise: (text: string) => string = (text) => text,
  coresFrom?: string,
): string {
  const efficiency = speedup.efficiency === undefined ? "" : `, efficiency ${Math.round(speedup.efficiency * 100)}%`;
  return (
    `${emphasise(`${measured.toFixed(2)}x`)} measured, ${speedup.required.toFixed(2)}x required on ` +
    `${speedup.cores} cores${coresFrom ? ` (${coresFrom})` : ""}${efficiency}`
  );
}

/** `speedup 1.72x (needs 1.40x)`: what a passed row shows. */
export function speedupShort(speedup: SpeedupReport): string {
  return `speedup ${speedup.measured?.toFixed(2)}x (needs ${speedup.required.toFixed(2)}x)`;
}

/**
 * Whether the machine was busy while the speedup was timed, in words a learner can act on: the grader counts the
 * cores the split got, and the lesson's expected figures assume an idle machine. `machine` is whose it was: the
 * learner's own (the terminal, the browser app), or a grading machine (GitHub's run page, Gradescope), where
 * there is nothing for the learner to close.
 */
export function busyMachineNote(speedup: SpeedupReport, machine: "yours" | "grading" = "yours"): string | undefined {
  if (speedup.coresGot === undefined || speedup.coresGot >= 0.8 * speedup.cores) return undefined;
  const got = `the split got ${speedup.coresGot.toFixed(1)} of ${speedup.cores} cores`;
  if (machine === "grading") {
    return (
      `the grading machine was busy while the speedup was timed: ${got}, so the times here differ from the ` +
      `README's expected output ("about half the time"). That says nothing about your code.`
    );
  }
  return (
    `your machine was busy while the speedup was timed: ${got}, so times here and in the README's expected output ` +
    `("about half the time") differ. Close other programs for figures like the lesson's.`
  );
}

/**
 * The sweep's overhead per task, and what it measured: not the learner's `main()` (2^25 samples, a message per
 * task), but the grader's sweep of their code (fewer samples, on the grader's pool, which sends tasks started
 * together in batches), so its figure is far smaller than theirs (docs/speedup.md, "What the overhead figures
 * measure").
 */
export function overheadSentence(overheadPerTaskUs: number): string {
  return (
    `overhead per task in the grader's sweep of your code: ${overheadPerTaskUs.toFixed(1)} µs (its pool sends tasks ` +
    "in batches; your main() sends each alone, and measures more)"
  );
}

/** Indents a block of text and keeps at most `maxLines` of it. */
export function indentBlock(text: string, prefix: string, maxLines: number, c: Colors = pc): string {
  const lines = text.trimEnd().split("\n");
  const shown = lines.slice(0, maxLines).map((line) => `${prefix}${line}`);
  if (lines.length > maxLines) shown.push(c.dim(`${prefix}… ${lines.length - maxLines} more lines`));
  return shown.join("\n");
}
