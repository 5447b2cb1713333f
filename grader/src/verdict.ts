import { stripVTControlCharacters } from "node:util";
import type { Exercise } from "./curriculum.ts";
import { displayPath } from "./paths.ts";
import type { ExerciseResult, SourceLocation, SpeedupReport, TestResult } from "./result.ts";
import type { ReportedError } from "./run/messages.ts";
import { OutputBuffer } from "./run/output-buffer.ts";
import type { RunOutcome } from "./run/test-process.ts";

/** Turns what the test process reported into one verdict, with a message that says what to do next. */
export function judge(exercise: Exercise, outcome: RunOutcome): ExerciseResult {
  const tests: TestResult[] = [];
  const moduleErrors: ReportedError[] = [];
  const unhandled: ReportedError[] = [];
  const output = new OutputBuffer();
  let finished = false;
  for (const message of outcome.messages) {
    if (message.type === "test") {
      const firstError = message.errors[0];
      const test: TestResult = {
        name: message.name,
        status: message.status,
        durationMs: Math.round(message.durationMs),
        message: firstError ? plainError(firstError) : "",
      };
      if (firstError?.location) test.location = firstError.location;
      tests.push(test);
    } else if (message.type === "module") moduleErrors.push(...message.errors);
    else if (message.type === "unhandled") unhandled.push(...message.errors);
    else if (message.type === "console") output.append(message.text);
    else if (message.type === "done") finished = true;
  }
  if (outcome.rawOutput.trim()) output.append(outcome.rawOutput);

  const base = {
    id: exercise.id,
    title: exercise.title,
    durationMs: Math.round(outcome.durationMs),
    maxPoints: exercise.points,
    points: 0,
    tests,
    output: output.toString(),
    warnings: [] as string[],
  };
  const verdict = (status: ExerciseResult["status"], message: string, location?: SourceLocation) => {
    const result: ExerciseResult = { ...base, status, message };
    if (location) result.location = location;
    return result;
  };

  const passedSoFar = tests.filter((t) => t.status === "passed").length;
  if (outcome.timedOut) {
    const stopped = `timed out after ${exercise.timeoutSeconds} s and was stopped (${passedSoFar} test${passedSoFar === 1 ? "" : "s"} had passed). `;
    const stuck = tests.find((t) => t.message.startsWith(NEVER_SETTLED));
    if (stuck) return verdict("timed-out", `${stopped}"${stuck.name}": ${stuck.message}`, stuck.location);
    return verdict(
      "timed-out",
      `${stopped}Look for a loop that never ends without a yield or await (e.g. \`while (true) {}\`), a promise ` +
        "that never settles, or work far larger than asked.",
    );
  }
  const testErrors = outcome.messages.flatMap((m) => (m.type === "test" ? m.errors : []));
  const exitCall = [...unhandled, ...moduleErrors, ...testErrors].find((e) => /process\.exit/.test(e.message));
  if (exitCall) {
    return verdict(
      "failed",
      "your code called process.exit(), which would end any program that uses it. Remove the call: " +
        "return a value or throw an error instead.",
      exitCall.location,
    );
  }
  if (moduleErrors.length > 0) {
    const error = moduleErrors[0] as ReportedError;
    // Tests that ran mean the code loaded: the error came from a hook around them (such as the open-pool check).
    if (tests.length > 0) return verdict("failed", `after the tests: ${plainError(error)}`, error.location);
    return verdict("failed", loadErrorMessage(error), error.location ?? locationInMessage(error.message));
  }
  if (unhandled.length > 0) {
    const error = unhandled[0] as ReportedError;
    return verdict(
      "failed",
      `an error escaped every test: ${plainError(error)}. A promise was rejected with nobody awaiting it, or a ` +
        "worker or timer threw after its test ended. Await every promise you start.",
      error.location,
    );
  }
  if (!finished) {
    const how = outcome.exit?.signal ? `signal ${outcome.exit.signal}` : `exit code ${outcome.exit?.code ?? "unknown"}`;
    return verdict(
      "error",
      `the test process stopped before it finished (${how}). Your code may have crashed the process or a worker.`,
    );
  }
  const failing = tests.find((t) => t.status === "failed");
  if (failing) {
    const failedCount = tests.filter((t) => t.status === "failed").length;
    const untouched = tests.filter((t) => t.status === "failed").every((t) => t.message.startsWith("TODO:"));
    if (untouched) {
      return verdict(
        "failed",
        `not started yet: the TODO "${todoTask(failing.message)}" is waiting for you.`,
        failing.location,
      );
    }
    // A stuck promise is the most useful thing to know, even when another test failed first.
    const stuck = tests.find((t) => t.message.startsWith(NEVER_SETTLED));
    const first = `${failedCount} of ${tests.length} tests failed. First: "${failing.name}": ${failing.message}`;
    const also = stuck && stuck !== failing ? `\nAlso, "${stuck.name}": ${stuck.message}` : "";
    return verdict("failed", `${first}${also}`, failing.location);
  }
  if (passedSoFar === 0) return verdict("failed", "no test ran: is the test file intact?");
  return { ...verdict("passed", ""), points: exercise.points };
}

/** "TODO: 01-integers: write integers() (this part ...)" -> "write integers()". */
function todoTask(message: string): string {
  return message.replace(/^TODO:\s*(\d{2}-[a-z0-9-]+:\s*)?/, "").replace(/ \(this part is still the starter\)$/, "");
}

const NEVER_SETTLED = "the test waited for a promise that never settled";

/** The first line or two of an error, as a learner would say it. */
function plainError(error: ReportedError): string {
  const message = stripVTControlCharacters(error.message).trim();
  if (/Test timed out in \d+ms/.test(message)) {
    return `${NEVER_SETTLED}. Does every path resolve or reject, and is every call awaited?`;
  }
  if (/^TODO:/.test(message)) return `${message} (this part is still the starter)`;
  const firstLines = message.split("\n").slice(0, 3).join(" ").replace(/\s+/g, " ");
  return error.name && !firstLines.startsWith(error.name) && error.name !== "AssertionError"
    ? `${error.name}: ${firstLines}`
    : firstLines;
}

/** A module that would not load: a syntax error, a missing file or export, or an exception at import. */
function loadErrorMessage(error: ReportedError): string {
  const message = stripVTControlCharacters(error.message);
  const where = error.location ?? locationInMessage(message);
  const at = where ? ` at ${displayPath(where.file)}:${where.line}:${where.column}` : "";
  if (/Transform failed|Unexpected token|Expected .* but found|SyntaxError|Parse failure/i.test(message)) {
    return `syntax error${at}: ${firstMeaningfulLine(message)}. Fix it and grade again.`;
  }
  if (/Failed to load url|Cannot find module|ENOENT/i.test(message)) {
    return `a file could not be found: ${firstMeaningfulLine(message)}. Did you rename or move a file?`;
  }
  return `the code threw while it was being loaded${at}: ${firstMeaningfulLine(message)}`;
}

function firstMeaningfulLine(message: string): string {
  const lines = message.split("\n").map((l) => l.trim());
  const error = lines.find((l) => /ERROR:|Error:|error:/.test(l)) ?? lines.find((l) => l.length > 0) ?? message;
  return error
    .replace(/^.*?ERROR:\s*/, "")
    .replace(/\s+/g, " ")
    .slice(0, 300);
}

/** Parsers put the position in the message (`/path/file.ts:3:7: ERROR: ...`); pick it out. */
function locationInMessage(message: string): SourceLocation | undefined {
  const match = /(\/[^\s:]+\.ts):(\d+):(\d+)/.exec(message);
  if (!match) return undefined;
  return { file: match[1] as string, line: Number(match[2]), column: Number(match[3]) };
}

/**
 * Adds the measured speedup to an exercise whose tests passed. A split that is not really parallel fails with
 * the reason; a busy machine makes the grade `inconclusive` (no points, grade again), never `failed`; a machine
 * with one core cannot measure it, which is said but does not stop the exercise from passing.
 */
export function applySpeedup(result: ExerciseResult, speedup: SpeedupReport): ExerciseResult {
  const withSpeedup: ExerciseResult = { ...result, speedup };
  if (speedup.verdict === "failed") {
    return {
      ...withSpeedup,
      status: "failed",
      points: 0,
      message: `the tests pass, but the speedup check failed: ${speedup.reason}`,
    };
  }
  if (speedup.verdict === "inconclusive") {
    return {
      ...withSpeedup,
      status: "inconclusive",
      points: 0,
      message:
        `the tests pass, but the speedup could not be measured: ${speedup.reason}. This says nothing about your ` +
        "code: grade again on a quieter machine (close other programs, or wait for the ones running to finish).",
    };
  }
  if (speedup.verdict === "skipped") {
    return { ...withSpeedup, warnings: [...result.warnings, `the speedup check was skipped: ${speedup.reason}`] };
  }
  return withSpeedup;
}
