// Gradescope's layout, tried locally as docs/instructors.md says: `run_autograder` with AUTOGRADER_ROOT, the
// workshop (the instructor's edition, solutions and all) in source/workshop, one learner's files in submission/.
// Each hostile submission gets in results.json what its honest part deserves, whatever its code does to that
// file or to the grader. As root, as Gradescope's container runs it, the learner's code runs as a sandbox user.
import { spawnSync } from "node:child_process";
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { GradescopeResults } from "../../src/report/gradescope.ts";
import { fixture } from "../run-grader.ts";
import { copyWorkshop } from "../support/workshop-copy.ts";

const root = process.getuid?.() === 0;

/** Lays out Gradescope's folders for one submission, runs run_autograder there, and reads its results.json. */
function autograde(submission: string, env: Record<string, string> = {}) {
  const folder = mkdtempSync(join(tmpdir(), "gradescope-"));
  // Gradescope's /autograder is readable by all: the sandbox user must reach the workshop inside it.
  chmodSync(folder, 0o755);
  mkdirSync(join(folder, "source"));
  renameSync(copyWorkshop(), join(folder, "source/workshop"));
  cpSync(submission, join(folder, "submission"), { recursive: true });
  writeFileSync(join(folder, "submission_metadata.json"), JSON.stringify({ created_at: new Date().toISOString() }));
  const resultsFile = join(folder, "results/results.json");
  const run = spawnSync("bash", [join(folder, "source/workshop/grader/gradescope/run_autograder")], {
    env: { ...process.env, NO_COLOR: "1", AUTOGRADER_ROOT: folder, HOSTILE_MARKER: resultsFile, ...env },
    encoding: "utf8",
  });
  const read = () => JSON.parse(readFileSync(resultsFile, "utf8")) as GradescopeResults;
  return { run, resultsFile, read };
}

const hostile = (name: string) => fixture(`hostile/${name}`);
const exercise = (results: GradescopeResults, id: string) => results.tests.find((test) => test.name?.startsWith(id));

describe("run_autograder in Gradescope's layout", () => {
  it.skipIf(!root)(
    "keeps the grade when the code leaves a process behind to rewrite results.json",
    {
      timeout: 120_000,
    },
    async () => {
      const { run, read } = autograde(hostile("detached"));
      expect(run.status, run.stderr).toBe(0);
      // The process it left would have rewritten the file two seconds after its exercise.
      await new Promise((resolve) => setTimeout(resolve, 3_000));
      const results = read();
      expect(results.score).toBe(5);
      expect(exercise(results, "01-integers")?.score).toBe(5);
    },
  );

  it.skipIf(!root)(
    "keeps grading when the code kills its parent: the grader is out of its reach",
    {
      timeout: 120_000,
    },
    () => {
      const results = autograde(hostile("kill-parent")).read();
      expect(results.score).toBe(5);
    },
  );

  it("says the submission could not be graded, with no score of the code's, when the code kills the grader", {
    timeout: 120_000,
  }, () => {
    const { run, read } = autograde(hostile("kill-parent"), { WORKSHOP_SANDBOX: "off" });
    expect(run.status).toBe(0);
    const results = read();
    expect(results.score).toBe(0);
    expect(results.tests ?? []).toEqual([]);
    expect(results.output).toMatch(/could not grade this submission/);
  });

  it("gives no points to files that reach for the solutions, and says why", { timeout: 120_000 }, () => {
    const results = autograde(hostile("reach-solutions")).read();
    expect(results.score).toBe(0);
    expect(exercise(results, "03-fibonacci")?.output).toMatch(/a graded run refuses this import/);
  });
});
