import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { GradeReport } from "../src/result.ts";

const bin = fileURLToPath(new URL("../src/bin.ts", import.meta.url));
export const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));

export interface GraderRun {
  exitCode: number | null;
  stdout: string;
  stderr: string;
  durationMs: number;
}

/** Runs `pnpm grade <args>` as a learner would, as a real process, and collects what it prints. */
export function runGrader(args: string[], env: Record<string, string> = {}): Promise<GraderRun> {
  const startedAt = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", bin, ...args], {
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, NO_COLOR: "1", ...env },
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

/** Runs the grader with `--json` and parses its one JSON document. */
export async function gradeJson(args: string[]): Promise<{ run: GraderRun; report: GradeReport }> {
  const run = await runGrader([...args, "--json"]);
  try {
    return { run, report: JSON.parse(run.stdout) as GradeReport };
  } catch {
    throw new Error(`the grader did not print JSON (exit ${run.exitCode}):\n${run.stdout}\n${run.stderr}`);
  }
}
