// The terminal's report: a diff in vitest's colours, and a summary that counts as done what earned its points.
import pc from "picocolors";
import { describe, expect, it } from "vitest";
import type { Exercise } from "../src/curriculum/load-curriculum.ts";
import { colourDiff, formatSummary } from "../src/report/terminal.ts";
import type { ExerciseResult, GradeReport } from "../src/result.ts";

describe("the terminal's diff", () => {
  it("colours what the test expected green and what it received red, as vitest does", () => {
    const c = pc.createColors(true);
    const lines = colourDiff("- Expected\n+ Received\n\n-   1\n+   2", c).split("\n");
    expect(lines[0]).toBe(c.green("- Expected"));
    expect(lines[1]).toBe(c.red("+ Received"));
    expect(lines[3]).toBe(c.green("-   1"));
    expect(lines[4]).toBe(c.red("+   2"));
  });
});

describe("the terminal's summary", () => {
  const result = (id: string, status: ExerciseResult["status"], points: number): ExerciseResult =>
    ({
      id,
      number: Number(id.slice(0, 2)),
      status,
      points,
      maxPoints: 15,
      warnings: [],
      speedup: { verdict: status, reason: "busy", cores: 2, required: 1.4, ratios: [1.1], windows: 3 },
    }) as unknown as ExerciseResult;
  const report = (exercises: ExerciseResult[]): GradeReport =>
    ({
      exercises,
      run: { mode: "practice", inconclusivePolicy: "structure" },
      summary: {
        total: exercises.length,
        score: exercises.reduce((sum, e) => sum + e.points, 0),
        maxScore: 15 * exercises.length,
      },
    }) as unknown as GradeReport;
  const plain = pc.createColors(false);
  const curriculum = [{ id: "08-pi-split", number: 8 }] as Exercise[];

  it("counts as done an exercise whose untimed speedup kept its points, and says so once", () => {
    const summary = formatSummary(report([result("08-pi-split", "inconclusive", 15)]), curriculum, 4000, plain);
    expect(summary).toMatch(/^1\/1 done - all done \(15\/15 points/);
    expect(summary).toMatch(/speedup could not be measured for 08: the machine was busy, grade again/);
    // Explained in full above the summary: its speedup is not said again.
    const told = formatSummary(
      report([result("08-pi-split", "inconclusive", 15)]),
      curriculum,
      4000,
      plain,
      new Set(["08-pi-split"]),
    );
    expect(told).not.toMatch(/busy/);
  });

  it("does not count one whose course gives an untimed speedup no points", () => {
    const summary = formatSummary(report([result("08-pi-split", "inconclusive", 0)]), curriculum, 4000, plain);
    expect(summary).toMatch(/^0\/1 done \(0\/15 points/);
  });
});
