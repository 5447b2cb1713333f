// The learner's main command as they type it, through pnpm, in a copy of the workshop: `pnpm grade` prints the
// grader's report and nothing of pnpm's, and a pipe that closes early (`| head -1`) ends it quietly.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runCommand } from "./run-grader.ts";
import { copyWorkshop } from "./support/workshop-copy.ts";

let copy: string;
beforeAll(() => {
  copy = copyWorkshop();
  // An 01 that fails, whatever stage the workshop copied is at (its starter untouched, or solved by a learner):
  // a failed grade is what pnpm would wrap in its banner and ELIFECYCLE line.
  writeFileSync(
    join(copy, "exercises/01-integers/integers.ts"),
    "export function* integers(): Generator<number, never, undefined> {\n  for (let n = 0; ; n++) yield n;\n}\n" +
      "export function* take<T>(count: number, source: Iterable<T>): Generator<T, void, undefined> {}\n",
  );
});

/** Runs a command line in the copy's root, as a learner's terminal would; progress is kept in the copy. */
const shell = (command: string) =>
  runCommand(command, [], { cwd: copy, shell: true, env: { WORKSHOP_STATE_DIR: join(copy, ".workshop") } });

describe("the quickstart's `pnpm grade`, as typed", () => {
  it("prints the grader's report only: no pnpm banner, no ELIFECYCLE line", async () => {
    const run = await shell("pnpm grade 1");
    const printed = run.stdout + run.stderr;
    expect(printed, "the copy's own grader graded the copy's 01").toMatch(/01-integers\s+✗ failed/);
    expect(printed).toMatch(/tests failed/);
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
