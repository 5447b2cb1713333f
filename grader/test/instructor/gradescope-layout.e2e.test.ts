// Gradescope's layout, tried locally as docs/instructors.md says: `run_autograder` with AUTOGRADER_ROOT, the
// workshop (the instructor's edition, solutions and all) in source/workshop, one learner's files in submission/.
// The attacks a submission may try there are in hostile.e2e.test.ts; this is what run_autograder itself must do.
import { describe, expect, it } from "vitest";
import { fixture } from "../run-grader.ts";
import { autograde, gradescopeExercise } from "../support/gradescope-layout.ts";
import { pathWithout } from "../support/path-without.ts";

const root = process.getuid?.() === 0;

describe("run_autograder in Gradescope's layout", () => {
  it.skipIf(!root)("grades a submission in a sandbox, as Gradescope's root", { timeout: 180_000 }, () => {
    const { run, read } = autograde(fixture("hostile/kill-parent"));
    expect(run.status, run.stderr).toBe(0);
    const results = read();
    expect(results.score).toBe(5);
    expect(gradescopeExercise(results, "01-integers")?.score).toBe(5);
    expect(results.extra_data?.run).toMatchObject({ protection: "sandboxed" });
  });

  it("says the submission could not be graded, with no score, when the grader cannot run", {
    timeout: 180_000,
  }, () => {
    // A machine without bubblewrap: the grader refuses to grade (exit 2), and Gradescope still gets a results.json.
    const { run, read } = autograde(fixture("hostile/kill-parent"), { PATH: pathWithout("bwrap") });
    expect(run.status).toBe(0);
    const results = read();
    expect(results.score).toBe(0);
    expect(results.tests ?? []).toEqual([]);
    expect(results.output).toMatch(/could not grade this submission/);
  });
});
