import { resolve } from "node:path";
import { REFUSED } from "@workshop/test-kit/graded-env";
import { readForgottenAwaitWarning } from "../analysis/forgotten-awaits.ts";
import { displayPath, workshop } from "../paths.ts";
import type { Reason, SourceLocation, TestResult } from "../result.ts";
import type { ReportedError } from "../run/messages.ts";
import { errorText, locationInMessage, NEVER_SETTLED } from "./test-evidence.ts";

interface Explanation {
  reason: Reason;
  message: string;
  location?: SourceLocation;
  diff?: string;
}

/** Ends a sentence with a full stop, unless it has its own: no "expected.." or ".:" in what a learner reads. */
export function sentence(text: string): string {
  const trimmed = text.trim();
  return /[.!?…]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

/**
 * Failed tests, explained: the first failure in the test file's order (the files are written so that the test
 * which names a mistake comes before those that only feel its effects), with its own explanation and the diff of
 * what it expected against what it got; then the other failures by name. A never-settling promise is the most
 * useful thing to know, so it is named even when another test failed first.
 */
export function explainFailedTests(failing: TestResult[], all: TestResult[]): Explanation {
  const [first] = failing as [TestResult, ...TestResult[]];
  const count = `${failing.length} of ${all.length} tests failed.`;
  const lines = [`${count} First: "${first.name}":`, first.message];
  const stuck = failing.find((test) => test.message === NEVER_SETTLED && test !== first);
  if (stuck) lines.push(`Also, "${stuck.name}": ${stuck.message}`);
  const others = failing.filter((test) => test !== first && test !== stuck);
  if (others.length > 0) lines.push(`Also failed: ${others.map((test) => `"${test.name}"`).join(", ")}.`);
  const explanation: Explanation = { reason: "test-failed", message: lines.join("\n") };
  if (first.location) explanation.location = first.location;
  if (first.diff) explanation.diff = first.diff;
  return explanation;
}

/** Verdicts a forgotten await can explain: the code ran, and did not do what the tests or the grader expected. */
const AWAIT_EXPLAINS: Reason[] = [
  "test-failed",
  "escaped-error",
  "crashed",
  "timed-out",
  "hidden-test-failed",
  "speedup-failed",
];

/**
 * A failure said with the forgotten await that most likely caused it, when the learner's files have one: the
 * mistake the lesson exists to prevent, at the learner's own line, before what the tests saw of it (which reads as
 * something else: "expected [5 lines] to deeply equal ['Venus 000']", "ENOENT", a pool closed under its tasks).
 * The warning it came from is then left out of the warnings.
 */
export function withForgottenAwait<V extends Explanation>(
  verdict: V,
  warnings: string[],
): { verdict: V; warnings: string[] } {
  if (!AWAIT_EXPLAINS.includes(verdict.reason)) return { verdict, warnings };
  const index = warnings.findIndex((warning) => readForgottenAwaitWarning(warning));
  const found = index >= 0 ? readForgottenAwaitWarning(warnings[index] as string) : undefined;
  if (!found) return { verdict, warnings };
  return {
    verdict: {
      ...verdict,
      message: `forgotten await: ${found.message}\nWhat the grader saw: ${verdict.message}`,
      location: { file: resolve(workshop.root, found.shown), line: found.line, column: found.column },
    },
    warnings: warnings.filter((_, i) => i !== index),
  };
}

/**
 * A module that would not load: a syntax error vitest found first, a missing file or export, a broken
 * configuration, or an exception at import. Said as what it is, with the whole of the message that matters.
 */
export function explainLoadError(error: ReportedError): Explanation {
  const message = error.message;
  const where = error.location ?? locationInMessage(message);
  const at = where ? ` at ${displayPath(where.file)}:${where.line}:${where.column}` : "";
  const located = where ? { location: where } : {};
  const refused = message.indexOf(REFUSED);
  if (refused >= 0) {
    return {
      reason: "forbidden-import",
      message: `${message.slice(refused).split("\n")[0]} This exercise gets no points while it does.`,
      ...located,
    };
  }
  if (/tsconfig|Tsconfig not found|failed to resolve "extends"/i.test(message)) {
    return {
      reason: "config-error",
      message: `the TypeScript configuration could not be read: ${sentence(errorText(error, 6))} The grader grades with the workshop's own configuration; tell whoever set up the grading.`,
    };
  }
  if (/Transform failed|Unexpected token|Expected .* but found|SyntaxError|Parse failure|Unterminated/i.test(message)) {
    return {
      reason: "syntax-error",
      message: `syntax error${at}: ${sentence(firstMeaningfulLine(message))} Fix it and grade again.`,
      ...located,
    };
  }
  if (/Failed to load url|Cannot find module|Cannot find package|ENOENT|Does the file exist/i.test(message)) {
    return {
      reason: "load-error",
      message: `a file could not be found: ${sentence(firstMeaningfulLine(message))} Did you rename or move a file?`,
      ...located,
    };
  }
  return {
    reason: "load-error",
    message: `the code threw while it was being loaded${at}: ${errorText(error)}`,
    ...located,
  };
}

function firstMeaningfulLine(message: string): string {
  const lines = message.split("\n").map((line) => line.trim());
  const found =
    lines.find((line) => /ERROR:|Error:|error:/.test(line)) ?? lines.find((line) => line.length > 0) ?? message;
  return found.replace(/^.*?ERROR:\s*/, "").slice(0, 300);
}
