// End to end, one fixture tree per case: what a learner reads must be what their code did. Values keep their
// spaces, a shortened value comes with the diff that shows where it differs, a mistake is placed at the learner's
// own line, an out-of-memory crash is named quickly, and a submission outside the workshop grades for real.
import { cpSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { ExerciseResult } from "../../src/result.ts";
import { fixture, gradeJson, runGrader } from "../run-grader.ts";

/** Short enough to keep this suite quick, long enough for any of these fixtures to load on a busy machine. */
const LIMIT_SECONDS = "10";

async function gradeFixture(name: string, exercise: string): Promise<ExerciseResult> {
  const { report } = await gradeJson(["--target", fixture(name), "--timeout", LIMIT_SECONDS, exercise]);
  const [result] = report.exercises;
  if (!result) throw new Error(`no result for ${exercise} in ${name}`);
  return result;
}

describe("a value with spaces in it (04, padStart(3) where the lesson pads with zeros)", () => {
  it("is shown exactly, two spaces and all, in the message and in the diff", async () => {
    const result = await gradeFixture("whitespace", "4");
    expect(result.reason).toBe("test-failed");
    expect(result.message).toContain("expected [ '  1 Mercury' ] to deeply equal [ '001 Mercury' ]");
    expect(result.diff).toContain('+   "  1 Mercury",');
    expect(result.diff).toContain('-   "001 Mercury",');
  });
});

describe("a value that vitest shortens (05, the names not padded to 10 characters)", () => {
  it("comes with the diff that shows where the two differ, and no stray '.:' or '..'", async () => {
    const result = await gradeFixture("truncated-value", "5");
    expect(result.reason).toBe("test-failed");
    // The one-line message cuts both arrays short (`…(4)`): on its own it cannot show the difference.
    expect(result.message).toMatch(/…\(\d\)/);
    expect(result.diff).toContain('-   "Venus      000",');
    expect(result.diff).toContain('+   "Venus 000",');
    expect(result.message).not.toMatch(/\.:/);
    expect(result.message, "two full stops in a row (an ellipsis is fine)").not.toMatch(/(?<!\.)\.\.(?!\.)/);

    // The terminal shows the diff under the message.
    const run = await runGrader(["--target", fixture("truncated-value"), "--timeout", LIMIT_SECONDS, "5"]);
    expect(run.stdout).toContain('-   "Venus      000",');
    expect(run.stdout).toContain('+   "Venus 000",');
  });
});

describe("a mistake that shows inside the library (07, pool.run(calcPi(samples)))", () => {
  it("is placed at the learner's own line, not at the line of @workshop/core that threw", async () => {
    const result = await gradeFixture("library-location", "7");
    expect(result.message).toMatch(/pass the number of samples instead/);
    expect(result.location).toMatchObject({
      file: join(fixture("library-location"), "07-pi-in-a-thread", "pi-in-a-thread.ts"),
      line: 9,
    });
    for (const test of result.tests.filter((t) => t.location)) {
      expect(test.location?.file, test.name).not.toMatch(/packages[\\/]core/);
    }
  });
});

describe("an infinite source collected into an array (01, [...source] in take)", () => {
  it("is named as running out of memory, with its usual cause, well within 10 s", async () => {
    const startedAt = performance.now();
    const result = await gradeFixture("out-of-memory", "1");
    const seconds = (performance.now() - startedAt) / 1000;
    expect(result).toMatchObject({ status: "crashed", reason: "out-of-memory" });
    expect(result.message).toMatch(/ran out of memory.*infinite source collected into an array/);
    // The heap of the test process is bounded: without that, this took 14 s and more.
    expect(seconds, "the whole grade, the grader's start included").toBeLessThan(10);
    expect(result.output, "no heap dump and no stack of vitest's").not.toMatch(/Worker exited|heap limit|<--- /);
  });
});

describe("--target on a folder outside the workshop, with a tsconfig.json of its own and no node_modules", () => {
  it("grades the code for real instead of failing on the tsconfig it cannot resolve", async () => {
    const submission = mkdtempSync(join(tmpdir(), "grader-submission-"));
    cpSync(fixture("outside-workshop"), submission, { recursive: true });
    const { report } = await gradeJson(["--target", submission, "--timeout", LIMIT_SECONDS, "6"]);
    const [result] = report.exercises;
    expect(result?.reason, result?.message).toBe("test-failed");
    expect(result?.message).toMatch(/seconds, not milliseconds/);
    expect(result?.message).not.toMatch(/syntax error|Transform failed/);
  });
});
