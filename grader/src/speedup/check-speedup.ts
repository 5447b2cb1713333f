import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { GRADED_ENV } from "@workshop/test-kit/graded-env";
import type { Exercise } from "../curriculum/load-curriculum.ts";
import { graderCores, machineCores } from "../machine.ts";
import type { SpeedupReport } from "../result.ts";
import { OutputBuffer } from "../run/output-buffer.ts";
import { platform, stopChild, trackChild } from "../run/process-tree.ts";
import { IPC_ENV, judgeCommand, type Protection } from "../run/sandbox.ts";
import type { GradingTree } from "../tree/grading-tree.ts";
import { unmeasuredReport } from "./build-report.ts";
import type { SpeedupMessage, SpeedupRequest } from "./protocol.ts";
import { untimedReason } from "./timing-rules.ts";

// Compiled (dist/*.js) or run from source (src/*.ts): the child is a sibling of this module either way.
const childScript = fileURLToPath(new URL(`./speedup-child${import.meta.url.slice(-3)}`, import.meta.url));
const require = createRequire(import.meta.url);
/** The test-kit's Node hooks: the tree's imports resolve in the speedup process as they do in the tests. */
const treeHooks = pathToFileURL(require.resolve("@workshop/test-kit/register-tree-hooks")).href;
/**
 * The check takes about 3 s here, and up to 6 s when a busy machine costs it all three windows. Ten times that
 * is only reached by code that never finishes; the exercise's own, shorter limit applies when it is shorter.
 * With more cores simulated than the machine has, each real core does `cores / machine` times the work of the
 * structural calls (two tasks of 6,000,000 samples per simulated thread), and the limit grows with it.
 */
const LIMIT_MS = 30_000;

export function hardLimitMs(cores: number, machine: number): number {
  return LIMIT_MS * Math.max(1, cores / machine);
}

export interface SpeedupOptions {
  /** The hard wall-clock limit of the speedup process, in ms. */
  limitMs?: number;
  signal?: AbortSignal;
  /** A graded run's protection: sandboxed, the check is a judge, and the learner's code runs apart from it. */
  protection?: Protection;
  /** A graded run: the learner's code may import only what its exercise allows. */
  graded?: boolean;
  onProgress?: (message: Extract<SpeedupMessage, { type: "progress" | "checked" }>) => void;
}

/**
 * The request for an exercise's contract, in a tree, for a grader that sees `cores` on a machine with
 * `machine` cores. Undefined when the exercise measures no speedup.
 */
export function speedupRequest(
  exercise: Exercise,
  tree: GradingTree,
  cores: number,
  machine: number = machineCores(),
): SpeedupRequest | undefined {
  const contract = exercise.contract.speedup;
  if (!contract) return undefined;
  const splitFile = join(tree.root, contract.split.exercise ?? exercise.id, contract.split.file);
  const request: SpeedupRequest = {
    splitFile,
    splitExport: contract.split.export,
    splitShown: tree.shown(splitFile),
    // One core has no speedup to time, but it has a structure to check: two threads show whether tasks overlap.
    threads: Math.max(2, cores),
    cores,
    tree: tree.root,
  };
  const untimed = untimedReason(cores, machine);
  if (untimed !== undefined) request.untimed = untimed;
  if (contract.efficiency) {
    const file = join(tree.root, exercise.id, contract.efficiency.file);
    request.efficiency = { ...contract.efficiency, file, shown: tree.shown(file) };
  }
  return request;
}

/**
 * Measures the parallel speedup of an exercise whose tests passed, in a separate process the grader kills at a
 * hard limit: the learner's split runs on a pool the grader watches, first for structure (where the work ran,
 * how much of it, whether the answer came from it), then timed against the same work as one task. Never
 * rejects: whatever happens becomes a report. Resolves with undefined when cancelled.
 */
export async function checkSpeedup(
  exercise: Exercise,
  tree: GradingTree,
  options: SpeedupOptions = {},
): Promise<SpeedupReport | undefined> {
  const cores = graderCores();
  const machine = machineCores();
  const request = speedupRequest(exercise, tree, cores, machine);
  if (!request) throw new Error(`${exercise.id} declares no speedup to check`);
  if (options.protection === "sandboxed") request.acrossBoundary = true;
  const limitMs = Math.min(options.limitMs ?? hardLimitMs(cores, machine), exercise.timeLimitSeconds * 1000);
  return runChild(request, limitMs, options);
}

function runChild(
  request: SpeedupRequest,
  limitMs: number,
  options: SpeedupOptions,
): Promise<SpeedupReport | undefined> {
  const { cores } = request;
  const output = new OutputBuffer(2_000);
  // tsx is found from the grader's folder, as for the test process: the tree may be anywhere. `--expose-gc` lets
  // the measurement collect garbage before each window (see split-gate.ts).
  const tsx = ["--import", import.meta.resolve("tsx")];
  const { child, uid } = request.acrossBoundary
    ? spawnJudge(["--expose-gc", ...tsx, childScript, JSON.stringify(request)], request.tree)
    : {
        uid: undefined,
        child: spawn(
          process.execPath,
          ["--expose-gc", ...tsx, "--import", treeHooks, childScript, JSON.stringify(request)],
          {
            cwd: request.tree,
            ...platform.spawnOptions(),
            stdio: ["ignore", "pipe", "pipe", "ipc"],
            env: {
              ...process.env,
              FORCE_COLOR: "0",
              NO_COLOR: "1",
              WORKSHOP_TARGET: request.tree,
              ...(options.graded ? { [GRADED_ENV]: "1" } : {}),
            },
          },
        ),
      };
  const pid = child.pid;
  trackChild(pid, uid);
  child.stdout?.setEncoding("utf8").on("data", (chunk: string) => output.append(chunk));
  child.stderr?.setEncoding("utf8").on("data", (chunk: string) => output.append(chunk));
  let checked = false;
  return new Promise<SpeedupReport | undefined>((resolve) => {
    let settled = false;
    const finish = (report: SpeedupReport | undefined) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener("abort", abort);
      stopChild(pid);
      resolve(report);
    };
    const abort = () => finish(undefined);
    options.signal?.addEventListener("abort", abort, { once: true });
    const timer = setTimeout(() => {
      const seconds = Math.round(limitMs / 1000);
      finish(
        checked
          ? unmeasuredReport("inconclusive", {
              reason:
                `the machine was too busy: the timing did not finish within ${seconds} s (the structure, checked ` +
                "first, is right)",
              cores,
            })
          : unmeasuredReport("failed", {
              reason:
                `${request.splitExport} did not finish within ${seconds} s during the speedup check: a task that ` +
                "never ends, or far more work than asked?",
              problem: "never-finished",
              cores,
            }),
      );
    }, limitMs);
    child.on("message", (message: SpeedupMessage) => {
      if (message.type === "report") finish(message.report);
      else {
        if (message.type === "checked") checked = true;
        options.onProgress?.(message);
      }
    });
    child.on("error", (error) => {
      finish(unmeasuredReport("failed", { reason: `the speedup check could not start: ${error.message}`, cores }));
    });
    child.on("close", (code, signal) => {
      const how = signal ? `signal ${signal}` : `exit code ${code}`;
      const said = output.toString().trim().split("\n").slice(-3).join(" ").slice(0, 300);
      finish(
        unmeasuredReport("failed", {
          reason:
            `the speedup check's process stopped (${how}) before it finished: your code may have ended it` +
            (said ? `. It printed: ${said}` : ""),
          problem: "stopped",
          cores,
        }),
      );
    });
  });
}

/** The speedup process as a judge, in a sandbox of its own that sees the tree and nothing of the grader's. */
function spawnJudge(nodeArgs: string[], tree: string) {
  const { file, args, uid } = judgeCommand(nodeArgs, tree, { ...IPC_ENV, FORCE_COLOR: "0", NO_COLOR: "1" });
  const child = spawn(file, args, {
    ...platform.spawnOptions(),
    stdio: ["ignore", "pipe", "pipe", "ipc"],
    env: { PATH: process.env.PATH ?? "/usr/bin:/bin" },
  });
  return { child, uid };
}
