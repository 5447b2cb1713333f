// The parallel exercises end to end, with the reference solutions as a learner's finished work (instructor's
// edition only): the failure shown first for rows run at the same time is the one that names the mistake, a
// workshop without solutions/ still gets real speedup verdicts, and 09's script runs as its README says.
import { copyFileSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { graderCores, machineCores } from "../../src/machine.ts";
import { workshop } from "../../src/paths.ts";
import type { GradeReport } from "../../src/result.ts";
import { untimedReason } from "../../src/speedup/timing-rules.ts";
import { composedTree, fixture, gradeJson, runCommand, runGrader } from "../run-grader.ts";
import { copyWorkshop } from "../support/workshop-copy.ts";

describe("10 with its rows run at the same time", () => {
  it("shows first the test that names the mistake, and the one it causes by name only", async () => {
    const tree = composedTree({
      "06-async-timer": workshop.solutions,
      "08-pi-split": workshop.solutions,
      "10-efficiency": fixture("concurrent-rows"),
    });
    const { report } = await gradeJson(["--target", tree, "10"]);
    const [result] = report.exercises;
    expect(result?.reason).toBe("test-failed");
    const [first = "", ...rest] = result?.message.split("\n") ?? [];
    expect(first).toMatch(/First: "sweep\(.*\) on a real pool > runs the rows one after another/);
    expect(rest.join("\n")).toMatch(/await each row in the loop before starting the next/);
    expect(rest.join("\n")).toMatch(/Also failed: "sweep\(.*> runs every row on the pool/);
    expect(result?.message, "the consequence is listed, not explained").not.toMatch(/should each have \d+ samples/);
  });
});

describe("a workshop without solutions/, its parallel exercises solved", () => {
  let copy: string;
  let report: GradeReport;
  beforeAll(async () => {
    copy = copyWorkshop();
    for (const id of ["06-async-timer", "08-pi-split", "09-script-with-main", "10-efficiency"]) {
      for (const file of readdirSync(join(copy, "solutions", id))) {
        copyFileSync(join(copy, "solutions", id, file), join(copy, "exercises", id, file));
      }
    }
    rmSync(join(copy, "solutions"), { recursive: true, force: true });
    const run = await runGrader(
      ["8", "9", "10", "--json"],
      { WORKSHOP_STATE_DIR: join(copy, ".workshop") },
      join(copy, "grader/bin/grade.js"),
    );
    report = JSON.parse(run.stdout) as GradeReport;
  });

  it("gets a real speedup verdict for 08, 09 and 10, with the speedup measured", () => {
    expect(report.exercises.map((e) => e.id.slice(0, 2))).toEqual(["08", "09", "10"]);
    // The grader's own rule: one core, or more cores simulated (WORKSHOP_CORES) than the machine has, is checked
    // on its structure and not timed, and the report says why.
    const untimed = untimedReason(graderCores(), machineCores());
    for (const result of report.exercises) {
      const { speedup } = result;
      expect(speedup, `${result.id}: ${result.message}`).toBeDefined();
      expect(speedup?.cores).toBe(graderCores());
      if (untimed) {
        expect(speedup, result.id).toMatchObject({ verdict: "structure-only", reason: untimed });
        expect(result.status, result.message).toBe("passed");
        continue;
      }
      expect(["passed", "inconclusive"], `${result.id}: ${speedup?.reason}`).toContain(speedup?.verdict);
      expect(result.status, result.message).toBe(speedup?.verdict);
      expect(speedup?.measured, `${result.id}: the speedup was timed`).toBeGreaterThan(0);
    }
    if (!untimed) expect(report.exercises[2]?.speedup?.overheadPerTaskUs, "10's sweep was measured").toBeDefined();
  });

  it("runs 09's script with the command its README gives, from the root", async () => {
    const readme = readFileSync(join(copy, "exercises/09-script-with-main/README.md"), "utf8");
    const command = /```sh\n(pnpm exec tsx [^\n]+)\n```/.exec(readme)?.[1];
    expect(command).toBe("pnpm exec tsx exercises/09-script-with-main/async-pi.ts");
    const run = await runCommand(command as string, [], { cwd: copy, shell: true });
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.stdout.trim().split("\n")).toEqual([
      expect.stringMatching(/^Value of π: 3\.1\d+$/),
      expect.stringMatching(/^that took [\d.]+ seconds$/),
      expect.stringMatching(/^Value of π: 3\.1\d+$/),
      expect.stringMatching(/^that took [\d.]+ seconds$/),
    ]);
  });
});
