/**
 * The test process: one vitest instance (programmatic API) that runs the test files the grader sends it and
 * streams every result back over IPC. Starting vitest costs most of a second, so one process can serve many
 * runs (watch mode, the browser app, practice runs); graded runs start one per exercise. It runs in its own
 * process group so the grader can kill it and everything it started when learner code hangs: a synchronous
 * infinite loop hangs vitest itself, and no timeout inside can stop it.
 *
 * The process starts with a bounded heap (test-process.ts), which bounds every thread's: an infinite array
 * fails in a second or two with an out-of-memory crash the grader recognises, rather than after the machine has
 * swapped for a minute.
 *
 * It is plain JavaScript, type-checked through JSDoc, and runs without tsx: under tsx's loader hooks, importing
 * vitest/node takes about three times as long, and every grade waits for it.
 *
 * Usage (by test-process.ts only): node vitest-child.js, then a SetupRequest as the first IPC message. The
 * process can so be started before the grader knows what it will grade, and loads vitest meanwhile.
 */
// @ts-check
/** @import { SerializedError, TestError } from "vitest" */
/** @import { Reporter } from "vitest/node" */
/** @import { Plugin } from "vitest/config" */
/** @import { ChildMessage, ChildSetup, ReportedError, RunRequest, SetupRequest } from "./messages.ts" */
import { mkdtempSync } from "node:fs";
import { constants, tmpdir } from "node:os";
import { join, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { LEARNER_CHANNELS_ENV } from "@workshop/sandbox/in-test";
import { GRADED_ENV } from "@workshop/test-kit/graded-env";
import { SETTLED_CHANNEL } from "@workshop/test-kit/settled-channel";
import { exerciseConfig } from "@workshop/test-kit/vitest-config";
import { BaseSequencer, createVitest } from "vitest/node";

/** @type {import("vitest/node").Vitest | undefined} */
let vitest;
// Listened for before vitest starts, and checked now: a grader that is gone while this process still starts (it
// was killed, or the learner's code killed it) must not leave it behind, idle, for ever.
const leave = () => {
  // The grader has finished with us. Learner code may have left handles open; nothing here needs them.
  void (vitest?.close() ?? Promise.resolve()).finally(() => process.exit(0));
  setTimeout(() => process.exit(0), 2_000).unref();
};
process.on("disconnect", leave);
if (!process.connected) leave();

/** @type {ChildSetup} */
const setup = await new Promise((resolve) =>
  process.once("message", (/** @type {SetupRequest} */ request) => resolve(request.setup)),
);
// The tree under test is the working folder of its code, whatever folder the process was started in.
process.chdir(setup.target);
process.env[setup.targetEnv] = setup.target;
if (setup.graded) process.env[GRADED_ENV] = "1";
if (setup.acrossBoundary) await startLearnerHosts(Object.keys(setup.trustedSources ?? {}), new Set(setup.hiddenFiles));

/**
 * A graded run's learner's processes, one per test file (vitest gives each file fresh modules; so does this),
 * started now, while vitest loads. The folder they share with the tests is this process's temporary folder: a
 * test that asks the learner's code to write a file reads it there.
 *
 * A hidden test's learner's process prints nowhere: what it prints could give the test's inputs away. Only the
 * words that say the heap ran out are passed on, for the grader to name it.
 *
 * @param {string[]} testFiles
 * @param {Set<string>} hiddenFiles
 */
async function startLearnerHosts(testFiles, hiddenFiles) {
  // Loaded here, not at the top: the practice run's test process, which loads vitest meanwhile, never needs them.
  const [{ makeChannelFiles, openPolledEnd }, { startLearnerHost }, { learnerView }] = await Promise.all([
    import("@workshop/sandbox/channel"),
    import("@workshop/sandbox/judge"),
    import("@workshop/sandbox/views"),
  ]);
  const exchange = mkdtempSync(join(tmpdir(), "workshop-exchange-"));
  /** @type {Record<string, { folder: string, pid: number | undefined, polled: number }>} */
  const channels = {};
  await Promise.all(
    testFiles.map(async (file) => {
      const folder = mkdtempSync(join(exchange, "channel-"));
      makeChannelFiles(folder);
      const hidden = hiddenFiles.has(file);
      const host = startLearnerHost(folder, learnerView({ tree: setup.target, exchange }), {
        onLimit: (limit) => send({ type: "limit", ...limit }),
        stdio: hidden ? "keep" : "forward",
        // Only a test that imports @workshop/core makes the pools it may hand the learner's code.
        withPools: /["']@workshop\/core["']/.test(setup.trustedSources?.[file] ?? ""),
      });
      // A learner's process that ends on its own, before this one is done with it, crashed: as the test process
      // itself would have, had the code run in it.
      host.child.on("close", (code, signal) => {
        if (code === 0) return;
        const killedBy = code !== null && code > 128 ? signalName(code - 128) : signal;
        const how = killedBy ? `signal ${killedBy}` : `exit code ${code}`;
        const last = host.lastWords().trim().split("\n");
        const words = (hidden ? last.filter((line) => /heap out of memory|heap limit/i.test(line)) : last)
          .slice(-6)
          .join("\n");
        if (hidden && words) process.stderr.write(`${words}\n`);
        send({ type: "learner-crashed", how: words ? `${how}; it said: ${words}` : how });
      });
      // The test file's worker thread gets its polled end from here: see openPolledEnd.
      const polled = openPolledEnd(folder, "judge");
      channels[file] = { folder, pid: await host.pid, polled };
    }),
  );
  process.env[LEARNER_CHANNELS_ENV] = JSON.stringify(channels);
  process.env.TMPDIR = exchange;
}

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

/** @param {string} file */
const isLearnerFile = (file) =>
  file.startsWith(`${setup.learnerRoot}${sep}`) || file.startsWith(`${setup.learnerRoot}/`);

/** @param {number} number */
function signalName(number) {
  return Object.entries(constants.signals).find(([, value]) => value === number)?.[0] ?? `${number}`;
}

/**
 * Keeps what a learner needs from vitest's error: the message, the diff, and the first place in their own
 * files (a frame inside @workshop/core is where the mistake showed, not where it was made); failing that, the
 * first place outside node_modules, usually the test's line.
 *
 * @param {SerializedError | TestError} error
 * @returns {ReportedError}
 */
function reportError(error) {
  const frames = error.stacks ?? [];
  const frame = frames.find((s) => isLearnerFile(s.file)) ?? frames.find((s) => !s.file.includes("/node_modules/"));
  /** @type {ReportedError} */
  const reported = { name: error.name ?? "Error", message: error.message ?? String(error) };
  if (frame) reported.location = { file: frame.file, line: frame.line, column: frame.column };
  if (typeof error.diff === "string") reported.diff = error.diff;
  return reported;
}

// What the test thread says at once, passed on at once: the grader keeps it for tests vitest never reported.
const settled = new BroadcastChannel(SETTLED_CHANNEL);
settled.unref();
settled.onmessage = (/** @type {any} */ event) =>
  send({ type: "settled", file: event.data.file, name: event.data.name, passed: event.data.state === "pass" });

/** @type {Reporter} */
const reporter = {
  onTestModuleCollected(testModule) {
    const names = [...testModule.children.allTests()].map((testCase) => testCase.fullName);
    send({ type: "collected", file: testModule.moduleId, names });
  },
  onTestCaseResult(testCase) {
    const result = testCase.result();
    send({
      type: "test",
      file: testCase.module.moduleId,
      name: testCase.fullName,
      status: result.state === "pending" ? "not-run" : result.state,
      durationMs: testCase.diagnostic()?.duration ?? 0,
      errors: (result.errors ?? []).map(reportError),
    });
  },
  onTestModuleEnd(testModule) {
    const errors = testModule.errors();
    if (errors.length > 0) send({ type: "module", file: testModule.moduleId, errors: errors.map(reportError) });
  },
  onTestRunEnd(_modules, unhandledErrors) {
    if (unhandledErrors.length > 0) send({ type: "unhandled", errors: unhandledErrors.map(reportError) });
  },
  onUserConsoleLog(log) {
    const task = log.taskId ? vitest?.state.idMap.get(log.taskId) : undefined;
    send({ type: "console", text: log.content, ...(task ? { file: task.file.filepath } : {}) });
  },
};

/**
 * In graded runs, the tests come from the grader's memory: a test file rewritten on disk while the grade runs
 * (by the code under test, or a process it left behind) is never what vitest loads.
 *
 * @returns {Plugin}
 */
function trustedSources() {
  const sources = new Map(Object.entries(setup.trustedSources ?? {}));
  return {
    name: "workshop:trusted-sources",
    enforce: "pre",
    // Resolved here, not on disk: the hidden tests' folders are closed to the sandbox user the tests run as.
    // vitest may ask for a test by its path from the root (`/03-fibonacci/hidden/x.test.ts`).
    resolveId(/** @type {string} */ id) {
      if (sources.has(id)) return id;
      return [...sources.keys()].find((file) => id.startsWith("/") && file.endsWith(id)) ?? null;
    },
    load(/** @type {string} */ id) {
      return sources.get(id.split("?")[0] ?? id) ?? null;
    },
  };
}

/**
 * Runs the test files in the order the grader names them: an exercise's own tests before its hidden ones. vitest
 * would order them by what its cache remembers of earlier runs (failed first, then slowest), a cache that some
 * modes keep between runs and others do not: the same code then timed out in one test or in another, with another
 * message, depending on what had run before.
 */
class InGivenOrder extends BaseSequencer {
  /**
   * @override
   * @param {import("vitest/node").TestSpecification[]} files
   */
  async sort(files) {
    return files;
  }
}

const freshTestFile = fileURLToPath(import.meta.resolve("@workshop/test-kit/fresh-test-file"));

// The exercises' own config (what exercises/vitest.config.ts gives the editor), built here rather than loaded from
// that file: vite loads a config file through its module runner, the slowest part of vitest's start.
const exercises = exerciseConfig({ exercisesDir: setup.exercisesDir, target: setup.target });
const started = await createVitest(
  "test",
  {
    ...exercises.test,
    config: false,
    watch: false,
    reporters: [reporter],
    testTimeout: setup.testTimeoutMs,
    hookTimeout: setup.testTimeoutMs,
    // Threads start a test file sooner than forked processes do.
    pool: "threads",
    maxWorkers: 1,
    // Where no learner's code runs in the test thread, an exercise's files share one (each as fresh as in a thread
    // of its own: see fresh-test-file.js), which saves a thread's start per hidden test file. Where it does run
    // there (practice runs, --no-sandbox), what one file's code left behind in the thread (a timer, a patched
    // global) would reach the next file's tests: each file gets a thread of its own.
    ...(setup.acrossBoundary
      ? { isolate: false, setupFiles: [freshTestFile, ...[exercises.test?.setupFiles ?? []].flat()] }
      : {}),
    sequence: { sequencer: InGivenOrder },
    // The grader names the files: the learner's own *.test.ts files beside the exercise are theirs to run.
    include: ["**/*.test.ts"],
  },
  {
    plugins: [...(exercises.plugins ?? []), trustedSources()],
    ...(setup.cacheDir ? { cacheDir: setup.cacheDir } : {}),
  },
);
vitest = started;

/**
 * A test thread that fills its heap is ended by Node, which tells the thread's owner, vitest, with an
 * ERR_WORKER_OUT_OF_MEMORY error, and vitest then throws "Worker exited unexpectedly" with a stack of its own
 * that would be shown as the learner's output. So the out-of-memory error is passed on as what it is, and the
 * process ends quietly after it: the grader recognises it and says what usually causes it.
 */
process.on("worker", (worker) => {
  worker.on("error", (/** @type {Error & { code?: string }} */ error) => {
    if (error.code !== "ERR_WORKER_OUT_OF_MEMORY") return;
    send({ type: "unhandled", errors: [{ name: error.name, message: `${error.code}: ${error.message}` }] });
    process.on("uncaughtException", () => {});
    void flush().finally(() => process.exit(1));
  });
});

// One request at a time: the grader waits for "done" before it sends the next.
let queue = Promise.resolve();
process.on("message", (/** @type {RunRequest} */ request) => {
  queue = queue.then(async () => {
    // One vitest serves many runs; without this it would grade the version of a file it transformed first.
    for (const file of [...request.testFiles, ...request.changedFiles]) started.invalidateFile(file);
    // Named, not globbed: a trusted test need not be readable where it lies.
    const project = started.getRootProject();
    const specifications = request.testFiles.map((file) => project.createSpecification(file));
    await started.runTestSpecifications(specifications);
    send({ type: "done" });
    await flush();
  });
});
send({ type: "ready" });
await flush();
