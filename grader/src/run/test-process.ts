import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { ChildMessage, ChildSetup, RunRequest } from "./messages.ts";
import { OutputBuffer } from "./output-buffer.ts";
import { killProcessGroup, trackProcessGroup } from "./process-groups.ts";

const childScript = fileURLToPath(new URL("./vitest-child.js", import.meta.url));
/** Starting node and vitest takes 1-3 s on a busy 2-core machine; this only catches a broken install. */
const STARTUP_LIMIT_MS = 60_000;

/** How one test file's run ended, and everything the test process said during it. */
export interface RunOutcome {
  messages: ChildMessage[];
  /** What the process wrote to stdout and stderr itself (learner code writing directly, crash traces), capped. */
  rawOutput: string;
  timedOut: boolean;
  /** Set when the test process died during the run. */
  exit?: { code: number | null; signal: NodeJS.Signals | null };
  durationMs: number;
}

/**
 * A vitest process that runs test files one at a time. Each run has a hard wall-clock limit: vitest's own
 * timeouts cannot interrupt a synchronous infinite loop, but SIGKILL to the process group can. After a kill
 * or a crash, the next run starts a fresh process. `run` never rejects.
 */
export class TestProcess {
  #child: ChildProcess | undefined;
  #ready: Promise<boolean> | undefined;
  #listener: ((message: ChildMessage) => void) | undefined;
  #output = new OutputBuffer(8_000);
  #onExit: ((code: number | null, signal: NodeJS.Signals | null) => void) | undefined;

  readonly setup: ChildSetup;

  constructor(setup: ChildSetup) {
    this.setup = setup;
  }

  /** Starts the process now, so its start-up overlaps with whatever the caller does next. */
  start(): Promise<boolean> {
    if (this.#ready) return this.#ready;
    // vitest is found from the child script's folder: the target tree (cwd) may be anywhere, without node_modules.
    const child = spawn(process.execPath, [childScript, JSON.stringify(this.setup)], {
      cwd: this.setup.target,
      detached: true,
      stdio: ["ignore", "pipe", "pipe", "ipc"],
      env: { ...process.env, FORCE_COLOR: "0", NO_COLOR: "1" },
    });
    this.#child = child;
    trackProcessGroup(child.pid);
    child.stdout?.setEncoding("utf8").on("data", (chunk: string) => this.#output.append(chunk));
    child.stderr?.setEncoding("utf8").on("data", (chunk: string) => this.#output.append(chunk));
    child.on("message", (message: ChildMessage) => this.#listener?.(message));
    child.on("error", (error) => this.#output.append(`could not start the test process: ${error.message}\n`));
    child.on("close", (code, signal) => {
      killProcessGroup(child.pid);
      // A process that was killed on purpose has been forgotten already; its late exit concerns nobody.
      if (this.#child !== child) return;
      const onExit = this.#onExit;
      this.#forget();
      onExit?.(code, signal);
    });
    this.#ready = new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), STARTUP_LIMIT_MS);
      this.#listener = (message) => {
        if (message.type !== "ready") return;
        clearTimeout(timer);
        resolve(true);
      };
      this.#onExit = () => {
        clearTimeout(timer);
        resolve(false);
      };
    });
    return this.#ready;
  }

  /** Runs one test file and collects what the test process reports, killing it at `timeoutMs`. */
  async run(
    testFile: string,
    changedFiles: string[],
    timeoutMs: number,
    onMessage?: (m: ChildMessage) => void,
  ): Promise<RunOutcome> {
    const startupOutput = this.#output.toString();
    const started = await this.start();
    const child = this.#child;
    if (!started || !child) {
      const outcome: RunOutcome = {
        messages: [],
        rawOutput: `${startupOutput}${this.#output.toString()}`,
        timedOut: false,
        exit: { code: child?.exitCode ?? null, signal: null },
        durationMs: 0,
      };
      this.kill();
      return outcome;
    }
    this.#output = new OutputBuffer(8_000);
    const messages: ChildMessage[] = [];
    const startedAt = performance.now();
    return new Promise<RunOutcome>((resolve) => {
      const finish = (extra: Partial<RunOutcome>) => {
        clearTimeout(timer);
        this.#listener = undefined;
        this.#onExit = undefined;
        resolve({
          messages,
          rawOutput: this.#output.toString(),
          timedOut: false,
          durationMs: performance.now() - startedAt,
          ...extra,
        });
      };
      const timer = setTimeout(() => {
        this.kill();
        finish({ timedOut: true });
      }, timeoutMs);
      this.#listener = (message) => {
        messages.push(message);
        onMessage?.(message);
        if (message.type === "done") finish({});
      };
      this.#onExit = (code, signal) => finish({ exit: { code, signal } });
      const request: RunRequest = { type: "run", testFile, changedFiles };
      child.send(request);
    });
  }

  /** Kills the process group; the next run starts afresh. */
  kill(): void {
    const pid = this.#child?.pid;
    this.#forget();
    killProcessGroup(pid);
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
