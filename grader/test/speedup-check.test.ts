// The speedup check for real: a process that imports a tree's code and measures it on a watched pool. The
// reference solutions must never fail it (a busy machine may make them inconclusive, which is allowed), and
// the cheats that the exercise's tests let through must fail it with their reason. This is the fast subset;
// grader/bench/verdict-reliability.ts grades every cheat 20 times.
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadCurriculum } from "../src/curriculum.ts";
import { exercisesDir, solutionsDir } from "../src/paths.ts";
import type { SpeedupReport } from "../src/result.ts";
import { checkSpeedup } from "../src/speedup/check-speedup.ts";
import { fixture, gradeJson } from "./run-grader.ts";

const curriculum = loadCurriculum(exercisesDir);
const exercise = (id: string) => {
  const found = curriculum.find((e) => e.id.startsWith(id));
  if (!found) throw new Error(`no exercise ${id}`);
  return found;
};
const cheat = (name: string) => fixture(`cheats/${name}`);
/** The checks measure parallel speedup, which a one-core machine cannot: there they are skipped (tested below). */
const oneCore = availableParallelism() < 2;

/** What a correct split must get: a pass, or `inconclusive` when the machine was busy, never a failure. */
function expectNeverFailed(report: SpeedupReport): void {
  expect(["passed", "inconclusive"], report.reason).toContain(report.verdict);
  expect(report.required).toBe(1.4 + 0.2 * Math.max(0, report.cores - 2));
  expect(report.ratios.length, "every window measures 5 pairs").toBe(5 * report.windows);
  const measured = report.measured ?? Number.NaN;
  if (report.verdict === "passed") expect(measured).toBeGreaterThanOrEqual(report.required);
  expect(report.efficiency).toBeCloseTo(measured / report.cores, 2);
}

describe.skipIf(oneCore)("the speedup check of a correct split", () => {
  it("passes the reference solution of 08, with the measured speedup, or calls the machine busy", async () => {
    const report = await checkSpeedup(exercise("08"), solutionsDir);
    expectNeverFailed(report);
    expect(report.cores).toBe(availableParallelism());
    expect(report.overheadPerTaskUs, "08 has no sweep to measure the overhead on").toBeUndefined();
  });

  it("measures a tree outside the workshop, whose package imports resolve as from exercises/", async () => {
    const outside = mkdtempSync(join(tmpdir(), "speedup-outside-"));
    try {
      cpSync(join(solutionsDir, "08-pi-split"), join(outside, "08-pi-split"), { recursive: true });
      expectNeverFailed(await checkSpeedup(exercise("08"), outside));
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });

  it("passes the reference efficiency study, and gives the pool's overhead per task it measured", async () => {
    const report = await checkSpeedup(exercise("10"), solutionsDir);
    expectNeverFailed(report);
    // Tens of µs per task here; the bounds only say that it is a time per task in µs, not in s or ms.
    expect(report.overheadPerTaskUs).toBeGreaterThan(0);
    expect(report.overheadPerTaskUs).toBeLessThan(5_000);
  });
});

describe.skipIf(oneCore)("cheats that get past the exercise's tests fail the speedup check, named", () => {
  it.each([
    ["main-thread", /^the kernel ran on the main thread: .* busy \d+% .* only 0 of the 24000000 samples/],
    ["sequential", /^the tasks of calcPiSplit\(pool, \d+, \d+\) ran one after another/],
    ["cached-pi", /without running a single task on the pool: a hard-coded or cached pi/],
    ["less-work", /but the pool counted 4194304 samples in 4 tasks: less work than asked/],
  ])("%s", async (name, reason) => {
    const report = await checkSpeedup(exercise("08"), cheat(name));
    expect(report.verdict, report.reason).toBe("failed");
    expect(report.reason).toMatch(reason);
    expect(report.measured, "a structural failure is not timed").toBeUndefined();
  });

  it("sweep-milliseconds: a sweep that reports milliseconds as seconds", async () => {
    const report = await checkSpeedup(exercise("10"), cheat("sweep-milliseconds"));
    expect(report.verdict, report.reason).toBe("failed");
    expect(report.reason).toMatch(/row with 1 job reports .* but the whole row took .* not milliseconds/);
  });
});

describe("the speedup check's limits", () => {
  it.skipIf(oneCore)("stops a split that never finishes at its hard limit, and fails it", async () => {
    const report = await checkSpeedup(exercise("08"), cheat("never-finishes"), { limitMs: 2_000 });
    expect(report).toMatchObject({ verdict: "failed", windows: 0 });
    expect(report.reason).toMatch(/calcPiSplit did not finish within 2 s during the speedup check/);
  });

  it("skips on one core and says why, since one core has no speedup to measure", async () => {
    const report = await checkSpeedup(exercise("08"), solutionsDir, { cores: 1 });
    expect(report).toMatchObject({ verdict: "skipped", cores: 1, ratios: [], windows: 0 });
    expect(report.reason).toMatch(/^needs at least 2 cores: this machine has 1/);
  });
});

describe.skipIf(oneCore)("pnpm grade on a cheat", () => {
  it("fails the exercise whose tests pass, with the speedup check's reason and report", async () => {
    const { run, report } = await gradeJson(["--target", cheat("less-work"), "8"]);
    const [result] = report.exercises;
    expect(run.exitCode).toBe(1);
    expect(
      result?.tests.every((test) => test.status === "passed"),
      "the cheat passes every test",
    ).toBe(true);
    expect(result).toMatchObject({ status: "failed", points: 0, speedup: { verdict: "failed" } });
    expect(result?.message).toMatch(/^the tests pass, but the speedup check failed: .* less work than asked/);
  });
});
