import { type ChildProcess, spawn } from "node:child_process";
import { cpSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { GradeReport } from "../src/result.ts";

/** The learner's command as `pnpm grade` starts it (the grader compiled, or its source when the build is old). */
export const gradeBin = fileURLToPath(new URL("../bin/grade.js", import.meta.url));
export const instructorBin = fileURLToPath(new URL("../bin/instructor.js", import.meta.url));
export const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));

export interface GraderRun {
  exitCode: number | null;
  stdout: string;
  stderr: string;
  durationMs: number;
}

export interface CommandOptions {
  cwd?: string;
  /** Added to this process's environment, after NO_COLOR=1 (what a pipe gets). */
  env?: Record<string, string>;
  /** Run `command` as a command line through the system's shell, as a learner's terminal would. */
  shell?: boolean;
}

/** Runs a command as a real process, and collects what it prints and how it ended. */
export function runCommand(command: string, args: string[], options: CommandOptions = {}): Promise<GraderRun> {
  const startedAt = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd ?? process.cwd(),
      shell: options.shell ?? false,
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, NO_COLOR: "1", ...options.env },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      stderr += chunk;
    });
    child.on("error", reject);
    child.on("close", (exitCode) => resolve({ exitCode, stdout, stderr, durationMs: performance.now() - startedAt }));
  });
}

/** Node's hooks that give the grader a simulated busy machine (support/simulated-busy/), in no real run. */
const simulatedBusy = fileURLToPath(new URL("./support/simulated-busy/register.mjs", import.meta.url));

/**
 * Node's arguments to run `bin` with `args`: with the simulated busy machine's hooks first when the test's
 * environment asks for one (`WORKSHOP_SIMULATE_BUSY`), as the grader itself knows nothing of it.
 */
function nodeArgs(bin: string, args: string[], env: Record<string, string>): string[] {
  return [...(env.WORKSHOP_SIMULATE_BUSY ? ["--import", simulatedBusy] : []), bin, ...args];
}

/** Runs `pnpm grade <args>` as a learner would (or another bin), as a real process, and collects what it prints. */
export function runGrader(
  args: string[],
  env: Record<string, string> = {},
  bin = gradeBin,
  cwd = process.cwd(),
): Promise<GraderRun> {
  return runCommand(process.execPath, nodeArgs(bin, args, env), { env, cwd });
}

/** Runs the grader with `--json` and parses its one JSON document. */
export async function gradeJson(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ run: GraderRun; report: GradeReport }> {
  const run = await runGrader([...args, "--json"], env);
  try {
    return { run, report: JSON.parse(run.stdout) as GradeReport };
  } catch {
    throw new Error(`the grader did not print JSON (exit ${run.exitCode}):\n${run.stdout}\n${run.stderr}`);
  }
}

/**
 * A temporary tree laid out like exercises/, each exercise's folder copied from the tree named for it: a cheat of
 * 10 needs the honest 06 and 08 it builds on, which come from the solutions rather than a copy in the fixture.
 */
export function composedTree(sources: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), "grader-composed-"));
  for (const [id, tree] of Object.entries(sources)) cpSync(join(tree, id), join(root, id), { recursive: true });
  return root;
}

/** A running grader command: what it has printed, and ways to wait for a line and to type. */
export interface RunningCli {
  child: ChildProcess;
  /** Resolves when stdout matches (from `from` on), with the time it did; rejects after `timeoutMs`. */
  waitFor(pattern: RegExp, timeoutMs?: number, from?: number): Promise<number>;
  write(text: string): void;
  output(): string;
  exited: Promise<number | null>;
}

const running = new Set<ChildProcess>();
/** Every command a test started is killed when the test ends, whatever happened. */
export function killStartedCommands(): void {
  for (const child of running) child.kill("SIGKILL");
  running.clear();
}

/** Starts `pnpm grade <args>` (or another bin) as a real process with a pipe for its stdin, as vitest tests its CLI. */
export function startCli(args: string[], env: Record<string, string> = {}, bin = gradeBin): RunningCli {
  const child = spawn(process.execPath, nodeArgs(bin, args, env), {
    stdio: ["pipe", "pipe", "pipe"],
    env: { ...process.env, NO_COLOR: "1", ...env },
  });
  running.add(child);
  let output = "";
  const waiters: { pattern: RegExp; from: number; resolve: (at: number) => void }[] = [];
  const check = () => {
    for (const waiter of [...waiters]) {
      if (!waiter.pattern.test(output.slice(waiter.from))) continue;
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve(performance.now());
    }
  };
  child.stdout?.setEncoding("utf8").on("data", (chunk: string) => {
    output += chunk;
    check();
  });
  child.stderr?.setEncoding("utf8").on("data", (chunk: string) => {
    output += chunk;
    check();
  });
  const exited = new Promise<number | null>((resolve) => child.on("close", resolve));
  return {
    child,
    exited,
    output: () => output,
    write: (text) => child.stdin?.write(text),
    waitFor: (pattern, timeoutMs = 30_000, from = 0) =>
      new Promise<number>((resolve, reject) => {
        if (pattern.test(output.slice(from))) return resolve(performance.now());
        const timer = setTimeout(() => reject(new Error(`no ${pattern} in the output:\n${output}`)), timeoutMs);
        waiters.push({
          pattern,
          from,
          resolve: (at) => {
            clearTimeout(timer);
            resolve(at);
          },
        });
      }),
  };
}
