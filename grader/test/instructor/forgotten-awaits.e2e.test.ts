// The lesson's central mistake, end to end: every forgotten `await` (and `await using`) is named in the failure, at
// the learner's own line, whatever the tests saw of it ("expected [5 lines]", "that took undefined seconds", a pool
// closed under its tasks, ENOENT).
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { workshop } from "../../src/paths.ts";
import type { ExerciseResult, GradeReport } from "../../src/result.ts";
import { composedTree, fixture, gradeJson } from "../run-grader.ts";

const fixtures = fixture("forgotten-awaits");

describe("forgotten awaits in 05, 06, 09 and 10", () => {
  let tree: string;
  let report: GradeReport;
  const result = (id: string): ExerciseResult => {
    const found = report.exercises.find((e) => e.id.startsWith(id));
    if (!found) throw new Error(`no result for ${id}`);
    return found;
  };
  beforeAll(async () => {
    // 10 builds on 08, which is the reference's here; 09 and 10 use the fixture's 06, whose timer() is right.
    tree = composedTree({
      "05-gather-counters": join(fixtures, "tree"),
      "06-async-timer": join(fixtures, "tree"),
      "08-pi-split": workshop.solutions,
      "09-script-with-main": join(fixtures, "tree"),
      "10-efficiency": join(fixtures, "tree"),
    });
    ({ report } = await gradeJson(["--target", tree, "5", "6", "9", "10"]));
  });

  it("05: names `sleep(200)` without await at its line, before what the tests saw", () => {
    const { reason, message, location } = result("05");
    expect(reason).toBe("test-failed");
    expect(message).toMatch(/^forgotten await: `sleep\(200\)` returns a promise, and nothing awaits it/);
    expect(message).toMatch(/Write `await sleep\(200\)`\.\nWhat the grader saw: \d of \d tests failed/);
    expect(location).toEqual({ file: join(tree, "05-gather-counters", "gather-counters.ts"), line: 13, column: 5 });
  });

  it("06: names a timer that no `await using` stops, without speaking of a block the code does not have", () => {
    const { message, location } = result("06");
    expect(message).toMatch(/^forgotten await: `timer\(\)` is never declared with `await using`/);
    expect(message).toMatch(/`t\.time` stays undefined/);
    expect(message).not.toMatch(/inside it the timer has not stopped yet/);
    expect(location).toMatchObject({ file: join(tree, "06-async-timer", "async-timer.ts"), line: 31 });
  });

  it("09: names `calcPiSplit(...)` without await in the script, at its line, and what it printed", () => {
    const { message, location } = result("09");
    expect(message).toMatch(/^forgotten await: `calcPiSplit\(pool, SAMPLES_PER_TASK, TASKS\)` returns a promise/);
    expect(message).toMatch(/`pi`, printed at line 38, reads "\[object Promise\]"/);
    // The test says so too, for a learner running vitest alone, instead of "expected 0, received 1".
    expect(message).toMatch(/What the grader saw: .*\n.*the script printed "\[object Promise\]": main\(\) went on/);
    // Not piscina's line, and not a place in the script as tsx compiled it (async-pi.ts:1:1131).
    expect(location).toEqual({ file: join(tree, "09-script-with-main", "async-pi.ts"), line: 36, column: 10 });
  });

  it("10: names `saveSvg(...)` without await, where the test only saw ENOENT", () => {
    const { message, location } = result("10");
    expect(message).toMatch(/^forgotten await: `saveSvg\(timingsPlot\(timings\), file\)` returns a promise/);
    // What the tests saw after it depends on the race the forgotten await starts: the file missing (ENOENT) when
    // the test reads it first, a plot of no points when the code runs apart and writes it first.
    expect(message).toMatch(/What the grader saw: /);
    expect(location).toMatchObject({ file: join(tree, "10-efficiency", "efficiency.ts"), line: 126 });
  });

  it("leaves the named forgotten await out of the warnings, which name the others", () => {
    for (const id of ["05", "06", "09", "10"]) {
      expect(
        result(id).warnings.filter((warning) => warning.startsWith("forgotten await")),
        id,
      ).toEqual([]);
    }
  });
});

describe("06's timer in the wrong kind of scope", () => {
  it("names `t.time` read inside the `await using` scope at the top of the function", async () => {
    const { report } = await gradeJson(["--target", join(fixtures, "await-using-at-top"), "6"]);
    const [result] = report.exercises;
    expect(result?.message).toMatch(/^forgotten await: `t\.time` is read inside the scope of its `await using`/);
    expect(result?.message).toMatch(/only at the end of the function/);
    expect(result?.location).toMatchObject({ line: 33, column: 28 });
  });

  it("names a plain `using`, which throws 'Object is not disposable'", async () => {
    const { report } = await gradeJson(["--target", join(fixtures, "plain-using"), "6"]);
    const [result] = report.exercises;
    expect(result?.message).toMatch(/^forgotten await: `using _ = t` looks for `\[Symbol\.dispose\]`/);
    expect(result?.message).toMatch(/Write `await using _ = t`/);
    // The test's own message says the same, for a learner running vitest alone.
    expect(result?.message).toMatch(/plain `using` looks for `\[Symbol\.dispose\]` instead: write `await using`/);
    expect(result?.location).toMatchObject({ line: 32, column: 11 });
  });
});
