// The speedup check for real: a process that imports a tree's code and measures it on a watched pool. The
// reference solutions must never fail it (a busy machine may make them inconclusive, which is allowed), and
// the cheats that the exercise's tests let through must fail it with their reason. This is the fast subset;
// grader/bench/verdict-reliability.ts grades every cheat 20 times.
import { availableParallelism } from "node:os";
import { describe, expect, it } from "vitest";
import { findExercise, loadCurriculum } from "../src/curriculum/load-curriculum.ts";
import { workshop } from "../src/paths.ts";
import type { SpeedupReport } from "../src/result.ts";
import { checkSpeedup } from "../src/speedup/check-speedup.ts";
import { requiredSpeedup } from "../src/speedup/timing-rules.ts";
import { treeInPlace } from "../src/tree/grading-tree.ts";
import { composedTree, fixture, gradeJson } from "./run-grader.ts";

const curriculum = loadCurriculum(workshop.exercises);
const exercise = (query: string) => findExercise(curriculum, query);
const solutions = treeInPlace(workshop.solutions);
const cheat = (name: string) => treeInPlace(fixture(`cheats/${name}`));
/** Timing needs two real cores; on one, the structure is checked and the timing skipped (tested below). */
const oneCore = availableParallelism() < 2;

async function check(query: string, tree = solutions, options = {}): Promise<SpeedupReport> {
  const report = await checkSpeedup(exercise(query), tree, options);
  if (!report) throw new Error("the check was cancelled");
  return report;
}

/** What a correct split must get: a pass, or `inconclusive` when the machine was busy, never a failure. */
function expectNeverFailed(report: SpeedupReport): void {
  expect(["passed", "inconclusive"], report.reason).toContain(report.verdict);
  expect(report.required).toBeCloseTo(requiredSpeedup(report.cores), 9);
  expect(report.ratios.length, "every window measures 5 pairs").toBe(5 * report.windows);
  const measured = report.measured ?? Number.NaN;
  if (report.verdict === "passed") expect(measured).toBeGreaterThanOrEqual(report.required);
  expect(report.efficiency).toBeCloseTo(measured / report.cores, 2);
}

describe.skipIf(oneCore)("the speedup check of a correct split", () => {
  it("passes the reference solution of 08, with the measured speedup, or calls the machine busy", async () => {
    const report = await check("08");
    expectNeverFailed(report);
    expect(report.overheadPerTaskUs, "08 has no sweep to measure the overhead on").toBeUndefined();
  });

  it("passes the reference efficiency study, whose split is 08's, and gives the overhead per task it measured", async () => {
    const report = await check("10");
    expectNeverFailed(report);
    // Tens of µs per task here; the bounds only say that it is a time per task in µs, not in s or ms.
    expect(report.overheadPerTaskUs).toBeGreaterThan(0);
    expect(report.overheadPerTaskUs).toBeLessThan(5_000);
  });
});

describe.skipIf(oneCore)("cheats that get past the exercise's tests fail the speedup check, named", () => {
  it.each([
    ["main-thread", "main-thread", /^the kernel ran on the main thread: .* busy \d+% .* only 0 of the \d+ samples/],
    ["sequential", "sequential", /^the tasks of calcPiSplit\(pool, \d+, \d+\) ran one after another/],
    ["cached-pi", "no-tasks", /without running a single task on the pool: a hard-coded or cached pi/],
    ["less-work", "less-work", /but the pool counted \d+ samples in \d+ tasks: less work than asked/],
  ])("%s", async (name, problem, reason) => {
    const report = await check("08", cheat(name));
    expect(report.verdict, report.reason).toBe("failed");
    expect(report.problem).toBe(problem);
    expect(report.reason).toMatch(reason);
    expect(report.measured, "a structural failure is not timed").toBeUndefined();
  });

  it("sweep-milliseconds: a sweep that reports milliseconds as seconds", async () => {
    const tree = composedTree({
      "06-async-timer": workshop.solutions,
      "08-pi-split": workshop.solutions,
      "10-efficiency": fixture("cheats/sweep-milliseconds"),
    });
    const report = await check("10", treeInPlace(tree));
    expect(report.verdict, report.reason).toBe("failed");
    expect(report.reason).toMatch(/row with 1 job reports .* but the whole row took .* not milliseconds/);
  });
});

describe("the speedup check's limits", () => {
  it.skipIf(oneCore)("stops a split that never finishes at its hard limit, and fails it", async () => {
    const report = await check("08", cheat("never-finishes"), { limitMs: 2_000 });
    expect(report).toMatchObject({ verdict: "failed", windows: 0, problem: "never-finished" });
    expect(report.reason).toMatch(/calcPiSplit did not finish within 2 s during the speedup check/);
  });
});

describe.skipIf(oneCore)("pnpm grade on a cheat", () => {
  it("fails the exercise whose tests pass, with the speedup check's reason and report", async () => {
    const { run, report } = await gradeJson(["--target", fixture("cheats/less-work"), "8"]);
    const [result] = report.exercises;
    expect(run.exitCode).toBe(1);
    expect(
      result?.tests.every((test) => test.status === "passed"),
      "the cheat passes every test",
    ).toBe(true);
    expect(result).toMatchObject({
      status: "failed",
      reason: "speedup-failed",
      points: 0,
      speedup: { verdict: "failed" },
    });
    expect(result?.message).toMatch(/^the tests pass, but the speedup check failed: .* less work than asked/);
  });
});
