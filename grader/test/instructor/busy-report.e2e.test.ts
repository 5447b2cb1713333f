// A busy machine told once, end to end: an exercise whose speedup could not be timed is explained once, with one
// figure for each thing measured, and counted as done when the course lets its points stand.
import { describe, expect, it } from "vitest";
import { workshop } from "../../src/paths.ts";
import { composedTree, runGrader } from "../run-grader.ts";

describe("pnpm grade on a machine too busy to time 08's speedup", () => {
  it("explains it once, and counts it done: its points stand under the course's policy", async () => {
    const tree = composedTree({ "08-pi-split": workshop.solutions });
    // The speedup is measured, then read as a busy machine's `inconclusive` (the course's default policy,
    // "structure", lets the points stand).
    const run = await runGrader(["--target", tree, "8"], { WORKSHOP_SIMULATE_BUSY: "graded:08-pi-split" });
    const lines = run.stdout.trimEnd().split("\n");
    expect(run.stdout).toMatch(/08-pi-split\s+\? inconclusive/);
    expect(lines.at(-1)).toMatch(/^1\/1 done - all done \(15\/15 points/);
    // Said in the row and the explanation, not once more under the summary.
    expect(run.stdout.match(/could not be measured/g)).toHaveLength(2);
    expect(run.stdout).toMatch(/next: grade it again on a quieter machine: pnpm grade 8/);
  });
});
