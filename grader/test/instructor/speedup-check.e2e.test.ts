// The speedup check for real: a process that imports a tree's code and measures it on a watched pool. The
// reference solutions must never fail it (a busy machine may make them inconclusive, which is allowed), and
// the cheats that the exercise's tests let through must fail it with their reason. This is the fast subset;
// grader/bench/verdict-reliability.ts grades every cheat 20 times. It passes at any core count the grader sees
// (WORKSHOP_CORES, see scripts/test-core-counts): on one core, or on more cores than the machine has, the
// structure is checked as on that many and the timing skipped, which these tests expect.
import { execFile, spawnSync } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { findExercise, loadCurriculum } from "../../src/curriculum/load-curriculum.ts";
import { graderCores, machineCores } from "../../src/machine.ts";
import { workshop } from "../../src/paths.ts";
import type { GradeReport, SpeedupReport } from "../../src/result.ts";
import { checkSpeedup } from "../../src/speedup/check-speedup.ts";
import { gateSize } from "../../src/speedup/split-gate.ts";
import { requiredSpeedup, untimedReason } from "../../src/speedup/timing-rules.ts";
import { treeInPlace } from "../../src/tree/grading-tree.ts";
import { composedTree, fixture, gradeBin, gradeJson } from "../run-grader.ts";

const execFileAsync = promisify(execFile);
const curriculum = loadCurriculum(workshop.exercises);
const exercise = (query: string) => findExercise(curriculum, query);
const solutions = treeInPlace(workshop.solutions);
const cheat = (name: string) => treeInPlace(fixture(`cheats/${name}`));
const cores = graderCores();
/** Set when these cores cannot be timed here (one core, or WORKSHOP_CORES above the machine's). */
const untimed = untimedReason(cores, machineCores());
/** The calls the gate makes on this many cores: a pool of `cores` threads, two at the least. */
const size = gateSize(Math.max(2, cores));

async function check(query: string, tree = solutions, options = {}): Promise<SpeedupReport> {
  const report = await checkSpeedup(exercise(query), tree, options);
  if (!report) throw new Error("the check was cancelled");
  return report;
}

/**
 * What a correct split must get: a pass, or `inconclusive` when the machine was busy, never a failure; where the
 * timing cannot run, `structure-only`, saying why. Either way the required speedup is the grader's own for the
 * cores it sees.
 */
function expectNeverFailed(report: SpeedupReport): void {
  expect(report.cores).toBe(cores);
  expect(report.required).toBeCloseTo(requiredSpeedup(cores), 9);
  if (untimed !== undefined) {
    expect(report).toMatchObject({ verdict: "structure-only", reason: untimed, ratios: [], windows: 0 });
    expect(report.measured, "nothing is timed").toBeUndefined();
    return;
  }
  expect(["passed", "inconclusive"], report.reason).toContain(report.verdict);
  expect(report.ratios.length, "every window measures 5 pairs").toBe(5 * report.windows);
  // A machine too busy for any window to count (as one that reports more cores than it runs on) measures none.
  if (report.measured === undefined) {
    expect(report.verdict, "only a busy machine leaves the speedup unmeasured").toBe("inconclusive");
    expect(report.efficiency).toBeUndefined();
    return;
  }
  if (report.verdict === "passed") expect(report.measured).toBeGreaterThanOrEqual(report.required);
  expect(report.efficiency).toBeCloseTo(report.measured / report.cores, 2);
}

describe(`the speedup check of a correct split (${cores} cores${untimed ? ", untimed" : ""})`, () => {
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

describe("cheats that get past the exercise's tests fail the speedup check, named", () => {
  const asked = size.samplesPerTask * size.tasks;
  const capped = 2 ** 20 * size.tasks;
  it.each([
    ["main-thread", "main-thread", /^the kernel ran on the main thread: .* busy \d+% .* only 0 of the \d+ samples/],
    ["sequential", "sequential", /^the tasks of calcPiSplit\(pool, \d+, \d+\) ran one after another/],
    ["cached-pi", "no-tasks", /without running a single task on the pool: a hard-coded or cached pi/],
    [
      "less-work",
      "less-work",
      new RegExp(
        `^calcPiSplit\\(pool, ${size.samplesPerTask}, ${size.tasks}\\) should throw ${asked} samples in ` +
          `${size.tasks} tasks, but the pool counted ${capped} samples in ${size.tasks} tasks: less work than asked`,
      ),
    ],
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
  it("stops a split that never finishes at its hard limit, and fails it", async () => {
    const report = await check("08", cheat("never-finishes"), { limitMs: 2_000 });
    expect(report).toMatchObject({ verdict: "failed", windows: 0, problem: "never-finished" });
    expect(report.reason).toMatch(/calcPiSplit did not finish within 2 s during the speedup check/);
  });
});

describe("pnpm grade on a cheat", () => {
  it("fails the exercise whose tests pass, with the speedup check's reason and report", async () => {
    const { run, report } = await gradeJson(["--target", fixture("cheats/less-work"), "8"]);
    const [result] = report.exercises;
    expect(run.exitCode).toBe(1);
    expect(
      result?.tests.filter((test) => test.status !== "passed").map((test) => `${test.name}: ${test.message}`),
      "the cheat passes every test",
    ).toEqual([]);
    expect(result).toMatchObject({
      status: "failed",
      reason: "speedup-failed",
      points: 0,
      speedup: { verdict: "failed" },
    });
    expect(result?.message).toMatch(/^the tests pass, but the speedup check failed: .* less work than asked/);
  });
});

/** `taskset` pins a process to chosen cores (Linux, util-linux): the way to try a machine with one real core. */
const tasksetWorks = spawnSync("taskset", ["-c", "0", "true"]).status === 0;

describe.runIf(tasksetWorks)("on one real core (taskset -c 0)", () => {
  /** `pnpm grade --json <args>`, pinned to the first core, with no override: the grader sees one core. */
  async function gradeOnOneCore(args: string[]): Promise<GradeReport> {
    const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: "1" };
    delete env.WORKSHOP_CORES;
    const command = ["-c", "0", process.execPath, gradeBin, ...args, "--json"];
    // The exit code says whether everything passed: 1 is expected for the cheat, so it is read from the report.
    const { stdout } = await execFileAsync("taskset", command, { env }).catch((error: { stdout: string }) => error);
    return JSON.parse(stdout) as GradeReport;
  }

  it("fails a split that awaits its tasks one after another: the structure is checked on two threads", async () => {
    const report = await gradeOnOneCore(["--target", fixture("cheats/sequential"), "8"]);
    expect(report.run.machine.cores).toBe(1);
    expect(report.exercises[0]).toMatchObject({
      status: "failed",
      reason: "speedup-failed",
      points: 0,
      speedup: { verdict: "failed", problem: "sequential", cores: 1 },
    });
  });

  it("passes the reference split on its structure, and says that the timing was skipped", async () => {
    const report = await gradeOnOneCore(["--solutions", "8"]);
    const [result] = report.exercises;
    expect(result).toMatchObject({ status: "passed", speedup: { verdict: "structure-only", cores: 1 } });
    expect(result?.warnings).toContain(`the speedup was not timed: ${untimedReason(1, 1)}`);
  });
});
