// End to end, as vitest tests its own CLI: the grader runs as a real process on fixture exercises that fail
// in every way a learner's can, and each must get its own verdict and a message that says what to do.
import { beforeAll, describe, expect, it } from "vitest";
import type { ExerciseResult, GradeReport } from "../../src/result.ts";
import { fixture, type GraderRun, gradeJson } from "../run-grader.ts";

/** Short enough to keep this suite quick, long enough for any of these fixtures to load on a busy machine. */
const LIMIT_SECONDS = "10";

describe("grading a tree of mistakes", () => {
  let run: GraderRun;
  let report: GradeReport;
  const result = (id: string): ExerciseResult => {
    const found = report.exercises.find((e) => e.id.startsWith(id));
    if (!found) throw new Error(`no result for ${id} in ${JSON.stringify(report.exercises.map((e) => e.id))}`);
    return found;
  };

  beforeAll(async () => {
    ({ run, report } = await gradeJson([
      "--target",
      fixture("mistakes"),
      "--timeout",
      LIMIT_SECONDS,
      ..."1 2 3 4 5 6 7 8 10".split(" "),
    ]));
  });

  it("grades every exercise it was asked for, in order, and exits with 1", () => {
    expect(report.exercises.map((e) => e.id.slice(0, 2))).toEqual([
      "01",
      "02",
      "03",
      "04",
      "05",
      "06",
      "07",
      "08",
      "10",
    ]);
    expect(report.summary).toMatchObject({ passed: 0, notPassed: 9, total: 9 });
    expect(run.exitCode).toBe(1);
  });

  it("names a syntax error with file, line and column", () => {
    expect(result("01")).toMatchObject({ status: "failed", location: { line: 6 } });
    expect(result("01").message).toMatch(/^syntax error in .*01-integers\/integers\.ts:6:\d+: /);
  });

  it("names the export that is missing", () => {
    expect(result("02").status).toBe("failed");
    expect(result("02").message).toMatch(/even-numbers\.ts does not export `evens`/);
  });

  it("reports an exception at import as a failure to load, with the error", () => {
    expect(result("10").status).toBe("failed");
    expect(result("10").message).toMatch(/threw while it was being loaded.*JSON/);
  });

  it("stops an infinite loop at the limit, reports it as timed out, and goes on to the next exercise", () => {
    expect(result("04").status).toBe("timed-out");
    expect(result("04").message).toMatch(/timed out after 10 s.*while \(true\)/);
    expect(result("04").durationMs).toBeLessThan(10_000 + 5_000);
    expect(result("05").tests.length, "the next exercise still ran its tests").toBeGreaterThan(0);
  });

  it("fails an unhandled rejection even when every test passed, and says to await promises", () => {
    expect(result("05").status).toBe("failed");
    expect(result("05").message).toMatch(/the forgotten promise/);
    expect(result("05").message).toMatch(/Await every promise/);
  });

  it("names a promise that never settles", () => {
    // Each stuck test waits out vitest's test timeout (half the limit). On a busy machine the exercise's limit
    // may come first, before any test could report; the message then names both likely causes.
    const { status, message } = result("08");
    if (status === "failed") expect(message).toMatch(/the test waited for a promise that never settled/);
    else expect(status === "timed-out" && message).toMatch(/never settle/);
  });

  it("passes on the error of a worker that throws", () => {
    expect(result("07").status).toBe("failed");
    expect(result("07").message).toMatch(/the worker broke/);
  });

  it("never passes code that calls process.exit(), and says why", () => {
    expect(result("06").status).toBe("failed");
    expect(result("06").message).toMatch(/called process\.exit\(\)/);
  });

  it("caps a flood of output and says how much was cut", () => {
    expect(result("03").status).toBe("failed");
    expect(result("03").output.length).toBeLessThan(5_000);
    expect(result("03").output).toMatch(/^debug: about to yield 1 /);
    expect(result("03").output).toMatch(/more characters of output were cut/);
  });
});

describe("a worker pool left open", () => {
  it("fails the exercise, after its tests, with a message that says how to close it", async () => {
    const { report } = await gradeJson(["--target", fixture("open-pool"), "7"]);
    const [thread] = report.exercises;
    expect(
      thread?.tests.every((t) => t.status === "passed"),
      "the answers themselves are right",
    ).toBe(true);
    expect(thread?.status).toBe("failed");
    expect(thread?.message).toMatch(/after the tests: .*worker pool was left open.*await using/);
  });
});

describe("grading a script that leaves its worker pool open", () => {
  it("fails it with a message about closing the pool, well before the exercise's limit", async () => {
    const { report } = await gradeJson(["--target", fixture("mistakes"), "9"]);
    const [script] = report.exercises;
    expect(script?.status).toBe("failed");
    expect(script?.message).toMatch(/close/i);
  });
});

describe("a type error", () => {
  it("warns, with file, line and column, but does not fail an exercise whose tests pass", async () => {
    const { report, run } = await gradeJson(["--target", fixture("type-error"), "1"]);
    const [integers] = report.exercises;
    expect(integers?.status).toBe("passed");
    expect(integers?.warnings.join("\n")).toMatch(
      /type error at .*01-integers\/integers\.ts:4:9: Type 'number' is not assignable to type 'string'/,
    );
    expect(run.exitCode).toBe(0);
  });
});
