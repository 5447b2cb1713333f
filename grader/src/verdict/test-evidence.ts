import type { SourceLocation, TestResult } from "../result.ts";
import type { ChildMessage, ReportedError } from "../run/messages.ts";
import { OutputBuffer } from "../run/output-buffer.ts";
import type { RunOutcome } from "../run/test-process.ts";
import { plainText } from "../text/plain-text.ts";

/** What a run of an exercise's tests showed, sorted out of the test process's messages. */
export interface TestEvidence {
  /** The public tests, then the hidden ones, in the order they ran. */
  tests: TestResult[];
  /** Errors of the public test file itself: its imports failed, or a hook around the tests threw. */
  moduleErrors: ReportedError[];
  /** Errors of a hidden test file itself. */
  hiddenModuleErrors: ReportedError[];
  /** Errors that escaped every test: an unhandled rejection, a worker or timer that threw later. */
  unhandled: ReportedError[];
  output: string;
  timedOut: boolean;
  /** The learner's sandbox went past one of its limits, and was ended: which, in words. */
  limit?: { what: "memory" | "processes"; message: string };
  /** The test process died before it finished: how, and whether memory ran out. */
  crashed?: { how: string; outOfMemory: boolean };
  /** vitest itself could not start, with what it said: a problem of the grading, not of the code. */
  startupFailure?: string;
}

/** What the learner's code printed, at most: a runaway `console.log` in a loop is cut, and says so. */
const OUTPUT_CHARS = 4_000;

/**
 * Sorts the test process's messages: test results (hidden ones marked), errors by where they came from, and
 * what the code printed. Locations are mapped to the learner's own files with `original`.
 */
export function testEvidence(
  outcome: RunOutcome,
  hiddenFiles: Set<string>,
  original: (file: string) => string,
): TestEvidence {
  const located = (error: ReportedError): ReportedError =>
    error.location ? { ...error, location: { ...error.location, file: original(error.location.file) } } : error;
  const evidence: TestEvidence = {
    tests: [],
    moduleErrors: [],
    hiddenModuleErrors: [],
    unhandled: [],
    output: "",
    timedOut: outcome.timedOut,
  };
  const output = new OutputBuffer(OUTPUT_CHARS);
  let finished = false;
  let learnerCrash: string | undefined;
  const collected: { file: string; name: string }[] = [];
  const settled: Extract<ChildMessage, { type: "settled" }>[] = [];
  /** How many times vitest reported each test, by `testKey`. */
  const reports = new Map<string, number>();
  const reportsOf = (file: string, name: string) => reports.get(testKey(file, name)) ?? 0;
  /** A test vitest never reported as it should, with what the grader knows of it instead. */
  const unreported = (file: string, name: string, status: TestResult["status"], message: string): TestResult => ({
    name,
    status,
    durationMs: 0,
    message,
    ...(hiddenFiles.has(file) ? { hidden: true } : {}),
  });
  for (const message of outcome.messages) {
    switch (message.type) {
      case "test":
        evidence.tests.push(testResult(message, hiddenFiles, original));
        reports.set(testKey(message.file, message.name), reportsOf(message.file, message.name) + 1);
        break;
      case "module":
        (hiddenFiles.has(message.file) ? evidence.hiddenModuleErrors : evidence.moduleErrors).push(
          ...message.errors.map(located),
        );
        break;
      case "unhandled":
        evidence.unhandled.push(...message.errors.map(located));
        break;
      case "limit":
        evidence.limit = { what: message.what, message: message.message };
        break;
      case "learner-crashed":
        learnerCrash = message.how;
        break;
      case "console":
        // What the code printed while a hidden test ran could give that test's inputs away.
        if (!message.file || !hiddenFiles.has(message.file)) output.append(message.text);
        break;
      case "collected":
        for (const name of message.names) collected.push({ file: message.file, name });
        break;
      case "settled":
        settled.push(message);
        break;
      case "done":
        finished = true;
        break;
      case "ready":
        break;
    }
  }
  const raw = withoutHeapDump(outcome.rawOutput);
  if (raw.trim()) output.append(raw);
  evidence.output = plainText(output.toString());
  if (outcome.startupFailed)
    evidence.startupFailure = plainText(outcome.rawOutput).trim().split("\n").slice(0, 6).join("\n");
  if (finished) {
    // A test that was served and never reported did not pass: it is a failure of the run, whatever stopped it.
    for (const { file, name } of collected) {
      const count = reportsOf(file, name);
      if (count === 1) continue;
      const said = count === 0 ? "never reported a result" : `reported ${count} results`;
      evidence.tests.push(unreported(file, name, "failed", `the test ${said}: the run did not finish it as it should`));
    }
  } else {
    // A run stopped at its time limit: the tests that had settled count, though vitest never reported them.
    for (const { file, name, passed } of settled) {
      if (reportsOf(file, name) > 0) continue;
      const lost = "failed before the run was stopped (its message was lost with the run)";
      evidence.tests.push(unreported(file, name, passed ? "passed" : "failed", passed ? "" : lost));
    }
  }
  evidence.tests.sort((a, b) => Number(a.hidden ?? false) - Number(b.hidden ?? false));
  if (!finished && !outcome.timedOut) {
    const how = outcome.exit?.signal ? `signal ${outcome.exit.signal}` : `exit code ${outcome.exit?.code ?? "unknown"}`;
    evidence.crashed = { how, outOfMemory: OUT_OF_MEMORY.test(outcome.rawOutput) };
  } else if (learnerCrash !== undefined && !outcome.timedOut && cutShort(evidence)) {
    evidence.crashed = { how: learnerCrash, outOfMemory: OUT_OF_MEMORY.test(outcome.rawOutput) };
  }
  // A forked test process that ran out of memory is reported by vitest as an error of the test file.
  const memory = [...evidence.moduleErrors, ...evidence.unhandled].find((e) => OUT_OF_MEMORY.test(e.message));
  if (memory || OUT_OF_MEMORY.test(outcome.rawOutput)) {
    evidence.crashed = { how: evidence.crashed?.how ?? "out of memory", outOfMemory: true };
  }
  return evidence;
}

/** One test of one file, as a key. */
function testKey(file: string, name: string): string {
  return `${file}\0${name}`;
}

/**
 * Whether the end of a learner's process cut the tests short: a test or the file failed because the process that
 * answered its calls was gone. (A process that ends after its file has reported changed nothing.)
 */
function cutShort(evidence: TestEvidence): boolean {
  const gone = /the other side (closed the channel|ended before)/;
  const messages = [
    ...evidence.tests.map((test) => test.message),
    ...[...evidence.moduleErrors, ...evidence.hiddenModuleErrors, ...evidence.unhandled].map((error) => error.message),
  ];
  return messages.some((message) => gone.test(message));
}

/** One test's result as the grader reports it, its location in the learner's own files. */
export function testResult(
  message: Extract<ChildMessage, { type: "test" }>,
  hiddenFiles: Set<string>,
  original: (file: string) => string,
): TestResult {
  const [first] = message.errors;
  const test: TestResult = {
    name: message.name,
    status: message.status,
    durationMs: Math.round(message.durationMs),
    message: first ? errorText(first) : "",
  };
  if (first?.location) test.location = { ...first.location, file: original(first.location.file) };
  if (first?.diff) test.diff = plainText(first.diff);
  if (hiddenFiles.has(message.file)) test.hidden = true;
  return test;
}

/** What V8 and Node print when the heap is full, whatever the version. */
const OUT_OF_MEMORY =
  /JavaScript heap out of memory|Reached heap limit|ERR_WORKER_OUT_OF_MEMORY|heap limit|of memory, over the sandbox's/i;

/** V8's dump of the heap on an out-of-memory crash: of no use to a learner, and pages long. */
function withoutHeapDump(text: string): string {
  if (!OUT_OF_MEMORY.test(text)) return text;
  return text
    .split("\n")
    .filter((line) => !/^\s*(<--- |\[\d+:0x|#\d+\s|FATAL ERROR|----- Native stack trace|\d+: 0x)/.test(line))
    .join("\n");
}

/**
 * An error's message as a learner reads it: exactly its text (spaces matter: `' 1 Mercury'` is not `'1 Mercury'`),
 * its first lines only, and the name when it says something (`RangeError`, not `AssertionError`).
 */
export function errorText(error: ReportedError, maxLines = 4): string {
  const message = plainText(error.message).trim();
  if (/Test timed out in \d+ms/.test(message)) return NEVER_SETTLED;
  // vitest joins `expect(value, "explanation.")` and its own words with ": ", which leaves ".:" behind.
  const lines = message.replace(/([.!?]): /g, "$1 ").split("\n");
  const shown = lines.slice(0, maxLines).join("\n");
  const cut = lines.length > maxLines ? "\n…" : "";
  const named = error.name && error.name !== "AssertionError" && !shown.startsWith(error.name);
  return `${named ? `${error.name}: ` : ""}${shown}${cut}`;
}

export const NEVER_SETTLED =
  "the test waited for a promise that never settled. Does every path resolve or reject, and is every call awaited?";

/** Parsers put the position in the message (`/path/file.ts:3:7: ERROR: ...`); pick it out. */
export function locationInMessage(message: string): SourceLocation | undefined {
  const match = /((?:[A-Za-z]:)?[\\/][^\s:]+\.ts):(\d+):(\d+)/.exec(message);
  if (!match) return undefined;
  return { file: match[1] as string, line: Number(match[2]), column: Number(match[3]) };
}
