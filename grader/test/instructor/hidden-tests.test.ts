// Hidden tests, end to end (instructor's edition only): each exercise's hidden test catches a wrong solution
// that every public test passes (grader/test/fixtures/hidden, one per exercise, each saying its mistake), in
// graded runs only, and the learner's reports name hidden tests without showing what they check.
import { execFileSync } from "node:child_process";
import { copyFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { loadCurriculum } from "../../src/curriculum/load-curriculum.ts";
import { workshop } from "../../src/paths.ts";
import type { GradeReport } from "../../src/result.ts";
import { composedTree, fixture, runGrader } from "../run-grader.ts";

const curriculum = loadCurriculum(workshop.exercises);
/** The exercises with a wrong-solution fixture; 10's follows the exercise's estimator and has its own below. */
const caught = curriculum.filter((exercise) => exercise.number <= 9);
let tree: string;

beforeAll(() => {
  tree = composedTree(Object.fromEntries(caught.map((exercise) => [exercise.id, fixture("hidden")])));
  // 09's wrong part is its script; the split beside it is the reference one.
  copyFileSync(
    join(workshop.solutions, "09-script-with-main/calc-pi.ts"),
    join(tree, "09-script-with-main/calc-pi.ts"),
  );
});

describe("the hidden tests", () => {
  it("are declared by every exercise, in its hidden/ folder", () => {
    for (const exercise of curriculum) expect(exercise.files.hidden.length, exercise.id).toBeGreaterThan(0);
  });

  it("leave the wrong solutions to the public tests, which they all pass", () => {
    const files = caught.map((exercise) => `${exercise.id}/${exercise.files.test}`);
    const run = () =>
      execFileSync(process.execPath, ["node_modules/vitest/vitest.mjs", "run", ...files], {
        cwd: workshop.exercises,
        env: { ...process.env, WORKSHOP_TARGET: tree, NO_COLOR: "1" },
        encoding: "utf8",
      });
    expect(run()).toMatch(new RegExp(`Test Files +${caught.length} passed`));
  });

  it("fail each of them in a graded run, named, without their messages in the learner's report", {
    timeout: 120_000,
  }, async () => {
    const graded = await runGrader([
      "--target",
      tree,
      "--timeout",
      "30",
      ...caught.map((e) => String(e.number)),
      "--json",
    ]);
    const report = JSON.parse(graded.stdout) as GradeReport;
    for (const result of report.exercises) {
      expect(result.reason, `${result.id}: ${result.message}`).toBe("hidden-test-failed");
      expect(result.points).toBe(0);
      const hidden = result.tests.filter((test) => test.hidden);
      expect(hidden.length).toBeGreaterThan(0);
      for (const test of hidden) expect(test.message, "a hidden test's message stays with the instructor").toBe("");
      expect(result.message).toMatch(/hidden test/);
      expect(result.tests.filter((test) => !test.hidden).every((test) => test.status === "passed")).toBe(true);
    }
  });

  it("give Gradescope an entry per hidden test, with its message, under the hidden tests' visibility", {
    timeout: 60_000,
  }, async () => {
    const graded = await runGrader(["--target", tree, "3", "--reporter", "gradescope"]);
    const results = JSON.parse(graded.stdout) as {
      tests: { name: string; visibility: string; output: string; max_score: number }[];
    };
    const [exercise, hidden] = results.tests;
    expect(exercise?.visibility).toBe("visible");
    // Markdown, its parentheses escaped.
    expect(exercise?.output).toContain("hidden tests: 0 of 1 passed \\(their code and inputs stay hidden\\)");
    expect(hidden).toMatchObject({ visibility: "after_published", max_score: 0 });
    expect(hidden?.name).toMatch(/^03-fibonacci \(hidden\): /);
    expect(hidden?.output).toMatch(/expected true to be false|done/);
  });

  it("do not run in a learner's own practice run", async () => {
    const practice = await runGrader(["--solutions", "1", "--json"]);
    const [result] = (JSON.parse(practice.stdout) as GradeReport).exercises;
    expect(result?.tests.some((test) => test.hidden)).toBe(false);
  });
});
