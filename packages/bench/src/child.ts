import { type ChildProcess, spawn } from "node:child_process";

/** A finished child process: how long it ran, its exit code, and the end of its output. */
export interface Finished {
  seconds: number;
  code: number | null;
  tail: string;
}

/** Runs a command to its end, timing it from spawn to exit; killed after `timeoutMs`. */
export function timeCommand(command: string, args: string[], cwd: string, timeoutMs: number): Promise<Finished> {
  const start = performance.now();
  const child = spawn(command, args, {
    cwd,
    env: { ...process.env, NO_COLOR: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString("utf8")).slice(-4000);
  };
  child.stdout.on("data", keep);
  child.stderr.on("data", keep);
  const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({
        seconds: (performance.now() - start) / 1000,
        code,
        tail: output.trim().split("\n").slice(-5).join("\n"),
      });
    });
  });
}

/** A running child whose output can be waited for, line pattern by line pattern. */
export interface Watched {
  child: ChildProcess;
  /** Resolves with the time the pattern first matched output printed after `from`; rejects after `timeoutMs`. */
  waitFor(pattern: RegExp, from: number, timeoutMs: number): Promise<number>;
  /** How much output there is so far: the `from` of a later wait. */
  length(): number;
  output(): string;
}

export function watchChild(child: ChildProcess): Watched {
  let output = "";
  const waiters = new Set<() => void>();
  child.stdout?.setEncoding("utf8").on("data", (chunk: string) => {
    output += chunk;
    for (const check of waiters) check();
  });
  return {
    child,
    length: () => output.length,
    output: () => output,
    waitFor(pattern, from, timeoutMs) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no ${pattern} within ${timeoutMs / 1000} s; output:\n${output.slice(-2000)}`));
        }, timeoutMs);
        function check() {
          if (!pattern.test(output.slice(from))) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve(performance.now());
        }
        waiters.add(check);
        check();
      });
    },
  };
}
