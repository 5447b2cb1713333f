import { spawn } from "node:child_process";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Exercise } from "../curriculum.ts";
import { exercisesDir, repoRoot } from "../paths.ts";
import type { SpeedupReport } from "../result.ts";
import { OutputBuffer } from "../run/output-buffer.ts";
import { killProcessGroup, trackProcessGroup } from "../run/process-groups.ts";
import { unmeasuredReport } from "./build-report.ts";
import type { SpeedupMessage, SpeedupRequest } from "./protocol.ts";
import { speedupFiles } from "./speedup-files.ts";

const childScript = fileURLToPath(new URL("./speedup-child.ts", import.meta.url));
/**
 * The check takes about 3 s here, and up to 6 s when a busy machine costs it all three windows. Ten times that
 * is only reached by code that never finishes; the exercise's own, shorter limit applies when it is shorter.
 */
const LIMIT_MS = 30_000;

export interface SpeedupOptions {
  /** Cores to measure with; the machine's, unless a test says otherwise. */
  cores?: number;
  /** The hard wall-clock limit of the speedup process, in ms. */
  limitMs?: number;
}

/**
 * Measures the parallel speedup of an exercise whose tests passed, in a separate process the grader kills at a
 * hard limit: the learner's `calcPiSplit` runs on a pool the grader watches, first for structure (where the
 * work ran, how much of it, whether the answer came from it), then timed against the same work as one task.
 * Never rejects: whatever happens becomes a report.
 */
export async function checkSpeedup(
  exercise: Exercise,
  target: string,
  options: SpeedupOptions = {},
): Promise<SpeedupReport> {
  const cores = options.cores ?? availableParallelism();
  const files = speedupFiles(exercise);
  if (!files) {
    return unmeasuredReport("skipped", `${exercise.id} has no calcPiSplit to measure`, cores);
  }
  if (cores < 2) {
    return unmeasuredReport(
      "skipped",
      `needs at least 2 cores: this machine has ${cores}, so the speedup of the split was not measured`,
      cores,
    );
  }
  const request: SpeedupRequest = { splitFile: join(target, exercise.id, files.split), cores };
  if (files.sweep) request.sweepFile = join(target, exercise.id, files.sweep);
  if (!target.startsWith(`${repoRoot}/`)) request.outsideTree = { target, exercisesDir };
  return runChild(request, Math.min(options.limitMs ?? LIMIT_MS, exercise.timeoutSeconds * 1000));
}

function runChild(request: SpeedupRequest, limitMs: number): Promise<SpeedupReport> {
  const { cores } = request;
  const output = new OutputBuffer(2_000);
  // tsx is found from the grader's folder, as for the test process: the target may be anywhere. `--expose-gc`
  // lets the measurement collect garbage before each window (see split-gate.ts).
  const args = ["--expose-gc", "--import", import.meta.resolve("tsx"), childScript, JSON.stringify(request)];
  const child = spawn(process.execPath, args, {
    cwd: join(request.splitFile, ".."),
    detached: true,
    stdio: ["ignore", "pipe", "pipe", "ipc"],
    env: { ...process.env, FORCE_COLOR: "0", NO_COLOR: "1" },
  });
  const pid = child.pid;
  trackProcessGroup(pid);
  child.stdout?.setEncoding("utf8").on("data", (chunk: string) => output.append(chunk));
  child.stderr?.setEncoding("utf8").on("data", (chunk: string) => output.append(chunk));
  let checked = false;
  return new Promise<SpeedupReport>((resolve) => {
    let settled = false;
    const finish = (report: SpeedupReport) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(report);
    };
    const timer = setTimeout(() => {
      killProcessGroup(pid);
      const seconds = Math.round(limitMs / 1000);
      finish(
        checked
          ? unmeasuredReport(
              "inconclusive",
              `the machine was too busy: the timing did not finish within ${seconds} s (the structure, checked ` +
                "first, is right)",
              cores,
            )
          : unmeasuredReport(
              "failed",
              `calcPiSplit did not finish within ${seconds} s during the speedup check: a task that never ends, ` +
                "or far more work than asked?",
              cores,
            ),
      );
    }, limitMs);
    child.on("message", (message: SpeedupMessage) => {
      if (message.type === "checked") checked = true;
      else if (message.type === "report") finish(message.report);
    });
    child.on("error", (error) => {
      finish(unmeasuredReport("failed", `the speedup check could not start: ${error.message}`, cores));
    });
    child.on("close", (code, signal) => {
      killProcessGroup(pid);
      const how = signal ? `signal ${signal}` : `exit code ${code}`;
      const said = output.toString().trim().split("\n").slice(-3).join(" ").slice(0, 300);
      finish(
        unmeasuredReport(
          "failed",
          `the speedup check's process stopped (${how}) before it finished: your code may have ended it` +
            (said ? `. It printed: ${said}` : ""),
          cores,
        ),
      );
    });
  });
}
