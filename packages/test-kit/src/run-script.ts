import { type ChildProcess, spawn } from "node:child_process";
import { tmpdir } from "node:os";
import { judgingAcrossBoundary } from "@workshop/sandbox/in-test";
import { SCRIPT_IMPORTS } from "./script-imports.ts";
import { TARGET_ENV } from "./target.ts";

/** How a script run ended, and what it printed. */
export interface ScriptRun {
  exitCode: number | null;
  stdout: string;
  stderr: string;
  /** It was still running at the limit, and was killed. */
  timedOut: boolean;
}

/**
 * Runs `node <args>` with the tree's imports (SCRIPT_IMPORTS), as a learner runs their script, and collects what
 * it prints. In a graded run it runs in a sandbox of its own, as the learner's code always does there.
 */
export async function runScript(args: string[], options: { cwd: string; timeoutMs: number }): Promise<ScriptRun> {
  const child = judgingAcrossBoundary() ? await sandboxed(args, options.cwd) : local(args, options.cwd);
  return new Promise((resolve, reject) => {
    let stdout = "";
    let stderr = "";
    child.stdout?.setEncoding("utf8").on("data", (chunk: string) => {
      stdout += chunk;
    });
    child.stderr?.setEncoding("utf8").on("data", (chunk: string) => {
      stderr += chunk;
    });
    let timedOut = false;
    const killer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGKILL");
    }, options.timeoutMs);
    child.on("error", (error) => {
      clearTimeout(killer);
      reject(error);
    });
    child.on("close", (exitCode) => {
      clearTimeout(killer);
      resolve({ exitCode, stdout, stderr, timedOut });
    });
  });
}

function local(args: string[], cwd: string): ChildProcess {
  return spawn(process.execPath, [...SCRIPT_IMPORTS, ...args], { cwd, stdio: ["ignore", "pipe", "pipe"] });
}

/** The judge's side of the sandbox is loaded here, not at the top: a practice run never needs it. */
async function sandboxed(args: string[], cwd: string): Promise<ChildProcess> {
  const [{ startLearnerProcess }, { learnerView }] = await Promise.all([
    import("@workshop/sandbox/judge"),
    import("@workshop/sandbox/views"),
  ]);
  const tree = process.env[TARGET_ENV] ?? cwd;
  // The folder the judge shares with its learners' sandboxes: the tests' temporary files are there.
  const view = { ...learnerView({ tree, exchange: tmpdir() }), cwd };
  return startLearnerProcess([...SCRIPT_IMPORTS, ...args], view, { stdio: "pipe" }).child;
}
