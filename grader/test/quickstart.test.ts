// The learner's main command as they type it, through pnpm, in a copy of the workshop: `pnpm grade` prints the
// grader's report and nothing of pnpm's, and a pipe that closes early (`| head -1`) ends it quietly.
import { spawn } from "node:child_process";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { copyWorkshop } from "./support/workshop-copy.ts";

let copy: string;
beforeAll(() => {
  copy = copyWorkshop();
});

interface ShellRun {
  exitCode: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command line in the copy's root through the shell, as a learner's terminal would. */
function shell(command: string): Promise<ShellRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, {
      cwd: copy,
      shell: true,
      stdio: ["ignore", "pipe", "pipe"],
      // Progress in the copy, not in the learner's own .workshop/; no colours, as in any pipe.
      env: { ...process.env, NO_COLOR: "1", WORKSHOP_STATE_DIR: join(copy, ".workshop") },
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
    child.on("close", (exitCode) => resolve({ exitCode, stdout, stderr }));
  });
}

describe("the quickstart's `pnpm grade`, as typed", () => {
  it("prints the grader's report only: no pnpm banner, no ELIFECYCLE line", async () => {
    const run = await shell("pnpm grade 1");
    const printed = run.stdout + run.stderr;
    expect(printed, "the copy's own grader graded the untouched starter").toMatch(/01-integers\s+✗ failed/);
    expect(printed).toMatch(/not started yet/);
    expect(printed, "pnpm's banner: `> async-typescript-workshop@ grade ...`").not.toMatch(/^> /m);
    expect(printed).not.toMatch(/ELIFECYCLE|Command failed with exit code/);
    expect(run.exitCode, "a failed exercise still exits with 1").toBe(1);
  });
});

describe("`pnpm -s grade 3 | head -1`", () => {
  it("prints the first line and ends quietly when head closes the pipe: no EPIPE", async () => {
    const run = await shell("pnpm -s grade 3 | head -1");
    expect(run.stdout.trim().split("\n")).toHaveLength(1);
    expect(run.stdout).toMatch(/^03-fibonacci/);
    expect(run.stderr).not.toMatch(/EPIPE|Unhandled|Error/);
  });
});
