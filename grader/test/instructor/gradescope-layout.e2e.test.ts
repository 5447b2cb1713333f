// Gradescope's layout, tried locally as docs/instructors.md says: `run_autograder` with AUTOGRADER_ROOT, the
// workshop (the instructor's edition, solutions and all) in source/workshop, one learner's files in submission/.
// The attacks a submission may try there are in hostile.e2e.test.ts; this is what run_autograder itself must do.
import { mkdtempSync, readdirSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { fixture } from "../run-grader.ts";
import { autograde, gradescopeExercise } from "../support/gradescope-layout.ts";

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

/** A PATH with every program of this one but `program`. */
function pathWithout(program: string): string {
  const folder = mkdtempSync(join(tmpdir(), "path-"));
  const seen = new Set<string>();
  for (const from of [dirname(process.execPath), ...(process.env.PATH ?? "").split(":")]) {
    let names: string[];
    try {
      names = readdirSync(from);
    } catch {
      continue;
    }
    for (const name of names) {
      if (name === program || seen.has(name)) continue;
      seen.add(name);
      symlinkSync(join(from, name), join(folder, name));
    }
  }
  return folder;
}
