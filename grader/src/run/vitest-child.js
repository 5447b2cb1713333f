/**
 * The test process: one vitest instance (programmatic API) that runs the test files the grader sends it, one
 * at a time, and streams every result back over IPC. Starting vitest costs about a second, so one process
 * serves a whole grading run; it runs in its own process group so the grader can kill it, and everything it
 * started, when learner code hangs (a synchronous infinite loop hangs vitest itself; no timeout inside can
 * stop it). The grader then starts a fresh one for the next exercise.
 *
 * It is plain JavaScript, type-checked through JSDoc, and runs without tsx: under tsx's loader hooks, importing
 * vitest/node took 1.3 s here instead of 0.4 s, and every grade waits for it. vitest compiles the TypeScript
 * it runs (tests, learner code) itself.
 *
 * Usage (by test-process.ts only): node vitest-child.js '<ChildSetup as JSON>'
 */
// @ts-check
/** @import { SerializedError, TestError } from "vitest" */
/** @import { Reporter } from "vitest/node" */
/** @import { ChildMessage, ChildSetup, ReportedError, RunRequest } from "./messages.ts" */
import { createVitest } from "vitest/node";

/** @type {ChildSetup} */
const setup = JSON.parse(process.argv[2] ?? "{}");
process.env[setup.targetEnv] = setup.target;

/** @type {Promise<void>[]} */
let pendingSends = [];
/** @param {ChildMessage} message */
function send(message) {
  pendingSends.push(new Promise((resolve) => process.send?.(message, undefined, undefined, () => resolve())));
}
async function flush() {
  const sending = pendingSends;
  pendingSends = [];
  await Promise.all(sending);
}

/**
 * Keeps what a learner needs from vitest's error: the message, the diff, and the first place in their files.
 *
 * @param {SerializedError | TestError} error
 * @returns {ReportedError}
 */
function reportError(error) {
  const frame = (error.stacks ?? []).find((s) => !s.file.includes("/node_modules/"));
  /** @type {ReportedError} */
  const reported = { name: error.name ?? "Error", message: error.message ?? String(error) };
  if (frame) reported.location = { file: frame.file, line: frame.line, column: frame.column };
  if (typeof error.frame === "string") reported.frame = error.frame;
  if (typeof error.diff === "string") reported.diff = error.diff;
  return reported;
}

/** @type {Reporter} */
const reporter = {
  onTestCaseResult(testCase) {
    const result = testCase.result();
    send({
      type: "test",
      name: testCase.fullName,
      status: result.state === "pending" ? "not-run" : result.state,
      durationMs: testCase.diagnostic()?.duration ?? 0,
      errors: (result.errors ?? []).map(reportError),
    });
  },
  onTestModuleEnd(testModule) {
    const errors = testModule.errors();
    if (errors.length > 0) send({ type: "module", errors: errors.map(reportError) });
  },
  onTestRunEnd(_modules, unhandledErrors) {
    if (unhandledErrors.length > 0) send({ type: "unhandled", errors: unhandledErrors.map(reportError) });
  },
  onUserConsoleLog(log) {
    send({ type: "console", text: log.content });
  },
};

const vitest = await createVitest("test", {
  config: setup.configFile,
  watch: false,
  reporters: [reporter],
  testTimeout: setup.testTimeoutMs,
  hookTimeout: setup.testTimeoutMs,
});

// One request at a time: the grader waits for "done" before it sends the next file.
let queue = Promise.resolve();
process.on("message", (/** @type {RunRequest} */ request) => {
  queue = queue.then(async () => {
    // One vitest serves many runs; without this it would grade the version of a file it transformed first.
    for (const file of [request.testFile, ...request.changedFiles]) vitest.invalidateFile(file);
    const specifications = await vitest.globTestSpecifications([request.testFile]);
    await vitest.runTestSpecifications(specifications);
    send({ type: "done" });
    await flush();
  });
});
process.on("disconnect", () => {
  // The grader has finished with us. Learner code may have left handles open; nothing here needs them.
  void vitest.close().finally(() => process.exit(0));
  setTimeout(() => process.exit(0), 2_000).unref();
});
send({ type: "ready" });
await flush();
