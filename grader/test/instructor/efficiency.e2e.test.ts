// Exercise 10 end to end, on fixtures composed with the reference solutions' 06 and 08: a median taken over slopes
// sorted as text is failed, by the test that names it, and a correct sweep is never failed for what a busy
// machine did around its rows.
import { describe, expect, it } from "vitest";
import { workshop } from "../../src/paths.ts";
import type { GradeReport } from "../../src/result.ts";
import { composedTree, fixture, gradeJson, runGrader } from "../run-grader.ts";

function efficiencyTree(name: string): string {
  return composedTree({
    "06-async-timer": workshop.solutions,
    "08-pi-split": workshop.solutions,
    "10-efficiency": fixture(name),
  });
}

describe("10 whose median sorts the slopes with a bare .sort()", () => {
  it("fails on the test that says to sort them as numbers, from slopes whose text order is not their order", async () => {
    const { report } = await gradeJson(["--target", efficiencyTree("text-sort"), "10"]);
    const [result] = report.exercises;
    expect(result?.reason, result?.message).toBe("test-failed");
    expect(result?.message).toMatch(/First: "overheadPerTask\(timings\) > sorts the slopes as numbers/);
    expect(result?.message).toMatch(/a bare `\.sort\(\)` compares them as text/);
  });
});

describe("10 whose plot hides a tick label for lack of room", () => {
  it("fails on the test that says how to show every label: plain numbers, or a wider chart", async () => {
    const { report } = await gradeJson(["--target", efficiencyTree("hidden-tick"), "10"]);
    const [result] = report.exercises;
    expect(result?.reason, result?.message).toBe("test-failed");
    expect(result?.message).toMatch(/First: "savePlot\(timings, file\) > writes an SVG/);
    expect(result?.message).toMatch(/x tick labels hidden for lack of room: .*`format: "d"`/);
  });
});

describe("a correct sweep on a busy machine", () => {
  // One core: the sweep is checked as on any machine, and the split's timing, which is not what this tests, is
  // skipped.
  // In one process (--no-sandbox): these are the sweep's rules, whose figures must not carry the cost of each task's
  // trip across a sandbox's boundary (same-verdict.e2e.test.ts proves the rules give the same verdicts there).
  async function gradeSweep(name: string) {
    const args = ["--target", efficiencyTree(name), "10", "--json", "--no-sandbox"];
    const run = await runGrader(args, { WORKSHOP_CORES: "1" });
    const [result] = (JSON.parse(run.stdout) as GradeReport).exercises;
    return result;
  }

  it("passes when other programs hold the core between its rows, outside every row's timer", async () => {
    const result = await gradeSweep("busy-between-rows");
    expect(result?.status, result?.message).toBe("passed");
    expect(result?.speedup?.verdict).toBe("structure-only");
    // The overhead the report gives is the sweep's own, as the learner's overheadPerTask computes it: the 40 µs
    // per task the machine took between the rows are not in it.
    expect(result?.speedup?.overheadPerTaskUs).toBeLessThan(40);
  });

  it("passes when its timer starts before each row's line, and the line is slow to print", async () => {
    const result = await gradeSweep("timer-before-line");
    expect(result?.status, result?.message).toBe("passed");
    expect(result?.speedup?.verdict).toBe("structure-only");
  });
});
