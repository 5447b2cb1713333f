// Hostile submissions, one per attack class of docs/security.md, graded as a class would be. In each, the
// recorded grade is what the honest part deserves, and the attack is named where it can be detected. Run as
// root (as Gradescope and CI containers grade), the learner's code runs as an unprivileged sandbox user;
// `WORKSHOP_SANDBOX=off` grades as a grader without one does.
import { copyFileSync, existsSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { ExerciseResult, GradeReport } from "../../src/result.ts";
import { fixture, runGrader } from "../run-grader.ts";
import { copyWorkshop } from "../support/workshop-copy.ts";

const root = process.getuid?.() === 0;
const hostile = (name: string) => fixture(`hostile/${name}`);
const noSandbox = { WORKSHOP_SANDBOX: "off" };

async function graded(args: string[], env: Record<string, string> = {}, bin?: string) {
  const run = await runGrader([...args, "--json"], env, bin);
  const report = JSON.parse(run.stdout) as GradeReport;
  const result = (id: string) => report.exercises.find((e) => e.id.startsWith(id)) as ExerciseResult;
  return { run, report, result };
}

describe("code that writes the workshop's files", () => {
  /** A learner's checkout whose 01 rewrites 03's test, graded in place with --ci, as GitHub Classroom does. */
  function checkout() {
    const copy = copyWorkshop();
    copyFileSync(
      join(hostile("rewrite-test"), "01-integers/integers.ts"),
      join(copy, "exercises/01-integers/integers.ts"),
    );
    const test = join(copy, "exercises/03-fibonacci/fibonacci.test.ts");
    return { copy, test, shipped: readFileSync(test, "utf8"), bin: join(copy, "grader/bin/grade.js") };
  }

  it("is named and undone where it can write them: the next exercise is graded on the shipped test", {
    timeout: 120_000,
  }, async () => {
    const { copy, test, shipped, bin } = checkout();
    const { result } = await graded(["--ci", "1", "3"], noSandbox, bin);
    expect(result("01")).toMatchObject({ status: "tampered", reason: "tampered-workshop", points: 0 });
    expect(result("01").message).toContain("exercises/03-fibonacci/fibonacci.test.ts");
    // What was overwritten is kept: the guard cannot tell the learner's code from a person saving a file.
    const keptIn = result("01").message.match(/kept in (\S+)\)/)?.[1] ?? "";
    expect(keptIn).toMatch(/^\.workshop\/backups\/changed-while-grading\//);
    expect(readFileSync(join(copy, keptIn, "exercises/03-fibonacci/fibonacci.test.ts"), "utf8")).toContain(
      'it("passes"',
    );
    expect(result("03"), "its untouched starter is what it is").toMatchObject({ reason: "not-started", points: 0 });
    expect(result("03").warnings.join("\n")).toContain(
      "exercises/03-fibonacci/fibonacci.test.ts was changed while 01-integers was graded",
    );
    expect(readFileSync(test, "utf8")).toBe(shipped);
  });

  it.skipIf(!root)(
    "cannot write them at all from the sandbox: the honest part passes",
    { timeout: 120_000 },
    async () => {
      const { test, shipped, bin } = checkout();
      const { result } = await graded(["--ci", "1", "3"], {}, bin);
      expect(result("01")).toMatchObject({ status: "passed", points: 5 });
      expect(result("03").reason).toBe("not-started");
      expect(readFileSync(test, "utf8")).toBe(shipped);
    },
  );
});

describe.skipIf(!root)("code that leaves processes behind", () => {
  it("has them all ended before anything is written", { timeout: 60_000 }, async () => {
    const marker = join(tmpdir(), `hostile-${process.pid}-${Date.now()}`);
    const { result } = await graded(["--target", hostile("detached"), "1"], { HOSTILE_MARKER: marker });
    expect(result("01").status).toBe("passed");
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect(existsSync(marker), "the process it left was ended, before its write").toBe(false);
  });
});

describe("code that patches the test framework", () => {
  it("gets no result of its own that counts: the canary tests see it", { timeout: 60_000 }, async () => {
    const { result } = await graded(["--target", hostile("patch-framework"), "3"]);
    expect(result("03")).toMatchObject({ status: "tampered", reason: "tampered-framework", points: 0 });
    expect(
      result("03").tests.some((test) => /^[0-9a-f]{12}$/.test(test.name)),
      "the canaries are not reported",
    ).toBe(false);
  });
});

describe("code that reaches for the answers", () => {
  it("is refused an import of the solutions, and says so", { timeout: 60_000 }, async () => {
    const { result } = await graded(["--target", hostile("reach-solutions"), "3"]);
    expect(result("03")).toMatchObject({ status: "tampered", reason: "forbidden-import", points: 0 });
    expect(result("03").message).toMatch(/a graded run refuses this import: .*solutions\/03-fibonacci\/fibonacci\.ts/);
  });

  it.skipIf(!root)("cannot read them from the sandbox", { timeout: 60_000 }, async () => {
    const { result } = await graded(["--target", hostile("read-solutions"), "3"]);
    expect(result("03").points).toBe(0);
    expect(result("03").message).toMatch(/EACCES|permission denied/);
  });
});

describe("code that prints anything", () => {
  it("never reaches the grader's stdout: --json prints exactly the grader's document", {
    timeout: 60_000,
  }, async () => {
    const { run, report, result } = await graded(["--target", hostile("print-json"), "1"]);
    expect(report.version).toBe(2);
    expect(report.summary).toMatchObject({ passed: 1, total: 1, maxScore: 5 });
    expect(run.stdout.trim().startsWith('{\n  "version": 2')).toBe(true);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the learner's escape sequences are the subject.
    expect(result("01").output).not.toMatch(/\u001b|\u0007/);
    expect(result("01").output).toContain("✓ 10/10 passed");
  });
});

describe("code that kills the grader", () => {
  it("never makes the grader report success: without a sandbox it dies and reports nothing", {
    timeout: 60_000,
  }, async () => {
    const run = await runGrader(["--target", hostile("kill-parent"), "1", "--json"], noSandbox);
    expect(run.exitCode).not.toBe(0);
    expect(run.stdout).toBe("");
  });

  it.skipIf(!root)("cannot reach it from the sandbox: the grade goes on", { timeout: 60_000 }, async () => {
    const { result } = await graded(["--target", hostile("kill-parent"), "1"]);
    expect(result("01")).toMatchObject({ status: "passed", points: 5 });
  });
});
