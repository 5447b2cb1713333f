// Exercise 10 end to end, on fixtures composed with the reference solutions' 06 and 08: a median taken over slopes
// sorted as text is failed, by the test that names it, however the machine times the sweep.
import { describe, expect, it } from "vitest";
import { workshop } from "../../src/paths.ts";
import { composedTree, fixture, gradeJson } from "../run-grader.ts";

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
