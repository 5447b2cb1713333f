// Hidden tests, end to end (instructor's edition only): each exercise's hidden test catches a wrong solution
// that every public test passes (grader/test/fixtures/hidden, one per exercise, each saying its mistake), in
// graded runs only, and the learner's reports name hidden tests without showing what they check.
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { type Exercise, loadCurriculum } from "../../src/curriculum/load-curriculum.ts";
import { workshop } from "../../src/paths.ts";
import type { GradeReport } from "../../src/result.ts";
import { composedTree, fixture, runGrader } from "../run-grader.ts";

const curriculum = loadCurriculum(workshop.exercises);
/**
 * Every exercise has a wrong-solution fixture (fixtures/hidden/NN-slug), graded in trees laid out like exercises/.
 * Most share one tree. An exercise that builds on a parallel split (10's sweep times 08's) gets a tree of its own,
 * with the reference solutions of the exercises it uses: a wrong split (08's caps its tasks) would change what it
 * measures. A learner file the fixture leaves out (09's split beside its wrong script) is the reference one.
 */
const trees: { exercises: typeof curriculum; root: string }[] = [];

const buildsOnSplit = (exercise: Exercise) =>
  exercise.uses.some((id) => curriculum.find((used) => used.id === id)?.contract.speedup !== undefined);

/** A tree of these exercises' wrong solutions, and `reference` exercises' solutions. */
function treeOf(exercises: Exercise[], reference: string[] = []): string {
  const root = composedTree({
    ...Object.fromEntries(reference.map((id) => [id, workshop.solutions])),
    ...Object.fromEntries(exercises.map((exercise) => [exercise.id, fixture("hidden")])),
  });
  for (const exercise of exercises) {
    for (const name of exercise.files.learner) {
      const file = join(root, exercise.id, name);
      if (!existsSync(file)) copyFileSync(join(workshop.solutions, exercise.id, name), file);
    }
  }
  return root;
}

beforeAll(() => {
  const shared = curriculum.filter((exercise) => !buildsOnSplit(exercise));
  trees.push({ exercises: shared, root: treeOf(shared) });
  for (const exercise of curriculum.filter(buildsOnSplit)) {
    trees.push({ exercises: [exercise], root: treeOf([exercise], exercise.uses) });
  }
});

describe("the hidden tests", () => {
  it("are declared by every exercise, in its hidden/ folder", () => {
    for (const exercise of curriculum) expect(exercise.files.hidden.length, exercise.id).toBeGreaterThan(0);
  });

  it("leave the wrong solutions to the public tests, which they all pass", () => {
    for (const { exercises, root } of trees) {
      const files = exercises.map((exercise) => `${exercise.id}/${exercise.files.test}`);
      const run = execFileSync(process.execPath, ["node_modules/vitest/vitest.mjs", "run", ...files], {
        cwd: workshop.exercises,
        env: { ...process.env, WORKSHOP_TARGET: root, NO_COLOR: "1" },
        encoding: "utf8",
      });
      expect(run).toMatch(new RegExp(`Test Files +${exercises.length} passed`));
    }
  });

  it("fail each of them in a graded run, named, without their messages in the learner's report", {
    timeout: 120_000,
  }, async () => {
    const reports = await Promise.all(
      trees.map(async ({ exercises, root }) => {
        const args = ["--target", root, "--timeout", "30", ...exercises.map((e) => String(e.number)), "--json"];
        return JSON.parse((await runGrader(args)).stdout) as GradeReport;
      }),
    );
    expect(reports.flatMap((report) => report.exercises).length).toBe(curriculum.length);
    for (const result of reports.flatMap((report) => report.exercises)) {
      expect(result.reason, `${result.id}: ${result.message}`).toBe("hidden-test-failed");
      expect(result.points).toBe(0);
      const hidden = result.tests.filter((test) => test.hidden);
      expect(hidden.length, `${result.id}: its hidden tests`).toBeGreaterThan(0);
      for (const test of hidden) expect(test.message, "a hidden test's message stays with the instructor").toBe("");
      expect(result.message).toMatch(/hidden test/);
      expect(result.tests.filter((test) => !test.hidden).every((test) => test.status === "passed")).toBe(true);
    }
  });

  it("give Gradescope an entry per hidden test, with its message, under the hidden tests' visibility", {
    timeout: 60_000,
  }, async () => {
    const graded = await runGrader(["--target", trees[0]?.root ?? "", "3", "--reporter", "gradescope"]);
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
