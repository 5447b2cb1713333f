import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { sandboxProblem } from "@workshop/sandbox/bubblewrap";
import { newTreeFolder } from "../tree/grading-tree.ts";
import type { ChildMessage, ChildSetup, RunRequest, SetupRequest } from "./messages.ts";
import { OutputBuffer } from "./output-buffer.ts";
import { platform, stopChild, trackChild } from "./process-tree.ts";
import { IPC_ENV, judgeCommand } from "./sandbox.ts";

const childScript = fileURLToPath(new URL("./vitest-child.js", import.meta.url));
/**
 * Each thread's heap in a test process (V8's limit holds for every isolate of the process: vitest's own, and the
 * threads that run the tests): the exercises' tests need under a third of it, and an infinite source spread into
 * an array fills it in a second or two, rather than after the machine has swapped for a minute. A sandboxed
 * learner's process has the same limit (packages/sandbox/src/views.js).
 */
const HEAP_LIMIT_MB = 128;
/** A judge runs no learner code; its heap holds the tests and what they copied from the learner's process. */
const JUDGE_HEAP_LIMIT_MB = 512;
/** Starting node and vitest takes 1-3 s on a busy 2-core machine; this only catches a broken install. */
const STARTUP_LIMIT_MS = 60_000;
/** What the process printed itself (learner code writing to stdout directly, crash traces), at most. */
const RAW_OUTPUT_CHARS = 8_000;

/** How one run ended, and everything the test process said during it. */
export interface RunOutcome {
  messages: ChildMessage[];
  /** What the process wrote to stdout and stderr itself, capped. */
  rawOutput: string;
  timedOut: boolean;
  /** Set when the test process died during the run. */
  exit?: { code: number | null; signal: NodeJS.Signals | null };
  /** The run was cancelled (the learner quit, or saved again): nothing it said counts. */
  cancelled: boolean;
  /** The test process never got ready: vitest could not start (a broken install or configuration). */
  startupFailed?: boolean;
}

export interface RunOptions {
  testFiles: string[];
  /** Files that may have changed since the last run: vitest drops what it cached of them. */
  changedFiles: string[];
  timeoutMs: number;
  signal?: AbortSignal;
  onMessage?: (message: ChildMessage) => void;
}

/**
 * A vitest process that runs test files on request. Each run has a hard wall-clock limit: vitest's own timeouts
 * cannot interrupt a synchronous infinite loop, but killing the process tree can. After a kill, a crash or a
 * cancellation, the next run starts a fresh process. `run` never rejects.
 */
export class TestProcess {
  #child: ChildProcess | undefined;
  #ready: Promise<boolean> | undefined;
  #listener: ((message: ChildMessage) => void) | undefined;
  #output = new OutputBuffer(RAW_OUTPUT_CHARS);
  #onExit: ((code: number | null, signal: NodeJS.Signals | null) => void) | undefined;

  readonly setup: ChildSetup;

  /** With `setup.acrossBoundary`, the process is a judge in a sandbox of its own (run/sandbox.ts). */
  constructor(setup: ChildSetup) {
    this.setup = setup;
  }

  /** Starts the process now, so that its start-up overlaps with whatever the caller does next. */
  start(): Promise<boolean> {
    if (this.#ready) return this.#ready;
    const { child, uid } = this.setup.acrossBoundary
      ? (takePrestartedJudge(this.setup.target) ?? spawnJudge(this.setup.target))
      : { child: takePrestarted() ?? spawnTestProcess(this.setup.target), uid: undefined };
    this.#child = child;
    trackChild(child.pid, uid);
    const setup: SetupRequest = { type: "setup", setup: this.setup };
    // A process that has died by now says so through "close", below.
    child.send(setup, () => {});
    child.stdout?.setEncoding("utf8").on("data", (chunk: string) => this.#output.append(chunk));
    child.stderr?.setEncoding("utf8").on("data", (chunk: string) => this.#output.append(chunk));
    child.on("message", (message: ChildMessage) => this.#listener?.(message));
    child.on("error", (error) => this.#output.append(`could not start the test process: ${error.message}\n`));
    child.on("close", (code, signal) => {
      stopChild(child.pid);
      // A process that was killed on purpose has been forgotten already; its late exit concerns nobody.
      if (this.#child !== child) return;
      const onExit = this.#onExit;
      this.#forget();
      onExit?.(code, signal);
    });
    this.#ready = new Promise<boolean>((resolve) => {
      // Unreferenced: a process killed while it starts (an exercise with a missing file) or closed before it was
      // ready (q pressed in watch mode while it starts) must not keep the grader alive until the limit.
      const timer = setTimeout(() => resolve(false), STARTUP_LIMIT_MS).unref();
      this.#listener = (message) => {
        if (message.type !== "ready") return;
        clearTimeout(timer);
        resolve(true);
      };
      this.#onExit = (code, signal) => {
        clearTimeout(timer);
        // Said even when the process printed nothing: "killed by SIGKILL" and "exit code 1" point to different causes.
        this.#output.append(
          `(it ended before it was ready, ${signal ? `killed by ${signal}` : `with exit code ${code}`})\n`,
        );
        resolve(false);
      };
    });
    return this.#ready;
  }

  /** Runs test files and collects what the test process reports, killing it at `timeoutMs` or on `signal`. */
  async run(options: RunOptions): Promise<RunOutcome> {
    const { signal } = options;
    const cancelled = (): RunOutcome => ({ messages: [], rawOutput: "", timedOut: false, cancelled: true });
    if (signal?.aborted) return cancelled();
    const startupOutput = this.#output.toString();
    const started = await this.start();
    const child = this.#child;
    if (signal?.aborted) {
      this.kill();
      return cancelled();
    }
    if (!started || !child) {
      const outcome: RunOutcome = {
        messages: [],
        rawOutput: `${startupOutput}${this.#output.toString()}`,
        timedOut: false,
        exit: { code: child?.exitCode ?? null, signal: null },
        cancelled: false,
        startupFailed: true,
      };
      this.kill();
      return outcome;
    }
    this.#output = new OutputBuffer(RAW_OUTPUT_CHARS);
    const messages: ChildMessage[] = [];
    return new Promise<RunOutcome>((resolve) => {
      const finish = (extra: Partial<RunOutcome>) => {
        clearTimeout(timer);
        signal?.removeEventListener("abort", abort);
        this.#listener = undefined;
        this.#onExit = undefined;
        resolve({ messages, rawOutput: this.#output.toString(), timedOut: false, cancelled: false, ...extra });
      };
      const timer = setTimeout(() => {
        this.kill();
        finish({ timedOut: true });
      }, options.timeoutMs);
      const abort = () => {
        this.kill();
        finish({ cancelled: true });
      };
      signal?.addEventListener("abort", abort, { once: true });
      this.#listener = (message) => {
        messages.push(message);
        options.onMessage?.(message);
        if (message.type === "done") finish({});
      };
      this.#onExit = (code, exitSignal) => finish({ exit: { code, signal: exitSignal } });
      const request: RunRequest = { type: "run", testFiles: options.testFiles, changedFiles: options.changedFiles };
      child.send(request);
    });
  }

  /** Stops the process and all it started; the next run starts afresh. */
  kill(): void {
    const pid = this.#child?.pid;
    this.#forget();
    stopChild(pid);
  }

  /** Lets the process finish on its own (it exits when its IPC channel closes). */
  close(): void {
    const child = this.#child;
    this.#forget();
    if (child?.connected) child.disconnect();
  }

  #forget(): void {
    this.#child = undefined;
    this.#ready = undefined;
    this.#listener = undefined;
    this.#onExit = undefined;
  }
}

/**
 * Starts a test process (vitest-child.js). It loads vitest at once and waits for its setup, the first message.
 */
function spawnTestProcess(cwd?: string): ChildProcess {
  return spawn(process.execPath, [`--max-old-space-size=${HEAP_LIMIT_MB}`, childScript], {
    ...(cwd ? { cwd } : {}),
    ...platform.spawnOptions(),
    stdio: ["ignore", "pipe", "pipe", "ipc"],
    env: { ...process.env, FORCE_COLOR: "0", NO_COLOR: "1" },
  });
}

/** Starts a test process as a judge: in a sandbox of its own that sees the tree, and nothing of the grader's. */
function spawnJudge(tree: string): { child: ChildProcess; uid: number | undefined } {
  const env = { ...IPC_ENV, FORCE_COLOR: "0", NO_COLOR: "1" };
  const { file, args, uid } = judgeCommand([`--max-old-space-size=${JUDGE_HEAP_LIMIT_MB}`, childScript], tree, env);
  const child = spawn(file, args, {
    ...platform.spawnOptions(),
    stdio: ["ignore", "pipe", "pipe", "ipc"],
    env: { PATH: process.env.PATH ?? "/usr/bin:/bin" },
  });
  return { child, uid };
}

/** The test process started before the grader's own modules had loaded, until a practice run takes it. */
let prestarted: ChildProcess | undefined;

/**
 * Starts the test process of a practice run, or of a graded run without a sandbox, before anything else
 * (bin/launch.js): loading vitest is most of the time of grading one exercise, and it then overlaps with the
 * grader's own start. The first TestProcess without a judge's takes it; `discardPrestarted` ends it when none did (`pnpm grade list`). `@public`: bin/launch.js
 * imports both from the compiled file by its path, which knip cannot follow.
 * @public
 */
export function prestartTestProcess(): void {
  prestarted ??= spawnTestProcess();
  trackChild(prestarted.pid);
}

/** @public (bin/launch.js) */
export function discardPrestarted(): void {
  const child = prestarted;
  prestarted = undefined;
  if (child) stopChild(child.pid);
  const judge = prestartedJudge;
  prestartedJudge = undefined;
  if (judge) stopChild(judge.child.pid);
}

/** A graded run's first judge, started before the grader's own modules had loaded, and the folder of its tree. */
let prestartedJudge: { child: ChildProcess; uid: number | undefined; tree: string; claimed: boolean } | undefined;

/**
 * Starts the first judge of a sandboxed graded run (bin/launch.js), as a practice run's test process is started:
 * about a sixth of a second of loading vitest then overlaps with the grader's own start. A judge's sandbox shows it
 * its tree, which does not exist yet, so it sees a new, empty folder, into which the session writes the first
 * exercise's tree (`prestartedJudgeTree`). Nothing starts where no sandbox can be made: the run refuses then.
 * `@public`: bin/launch.js imports it from the compiled file by its path, which knip cannot follow.
 * @public
 */
export function prestartJudge(): void {
  if (prestartedJudge || sandboxProblem()) return;
  const tree = newTreeFolder();
  const { child, uid } = spawnJudge(tree);
  trackChild(child.pid, uid);
  prestartedJudge = { child, uid, tree, claimed: false };
}

/** The folder the prestarted judge sees as its tree, for the first graded tree a session writes; given once. */
export function prestartedJudgeTree(): string | undefined {
  if (!prestartedJudge || prestartedJudge.claimed) return undefined;
  prestartedJudge.claimed = true;
  return prestartedJudge.tree;
}

/** The prestarted judge, if it sees `tree` and is still running. */
function takePrestartedJudge(tree: string): { child: ChildProcess; uid: number | undefined } | undefined {
  const judge = prestartedJudge;
  if (!judge || judge.tree !== tree) return undefined;
  prestartedJudge = undefined;
  if (ended(judge.child)) {
    stopChild(judge.child.pid);
    return undefined;
  }
  return { child: judge.child, uid: judge.uid };
}

/** The prestarted process, unless it has ended already (it could not load vitest). */
function takePrestarted(): ChildProcess | undefined {
  const child = prestarted;
  prestarted = undefined;
  if (!child || ended(child)) {
    if (child) stopChild(child.pid);
    return undefined;
  }
  return child;
}

/** Whether a prestarted process has ended already (it could not load vitest, or its sandbox failed). */
function ended(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}
