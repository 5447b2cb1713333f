// The curriculum proves itself, as rustlings' dev check does: every exercise is complete, every starter has
// work left to do and fails, and starters and solutions offer the same API, so the tests (written once,
// beside the starters) fit both. That the solutions pass is proved by the solutions package's own `vitest run`.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { exportSignatures } from "../src/analysis/signatures.ts";
import { readCompilerOptions } from "../src/analysis/typecheck.js";
import { loadCurriculum } from "../src/curriculum.ts";
import { gradeExercise, testProcessFor } from "../src/grade-exercise.ts";
import { buildManifest, readManifest } from "../src/manifest.ts";
import { exercisesDir, manifestFile, solutionsDir } from "../src/paths.ts";

const curriculum = loadCurriculum(exercisesDir);
const README_SECTIONS = ["## Objective", "## Explanation", "## Your task", "## Expected output", "## Key points"];

describe.each(curriculum)("$id", (exercise) => {
  it("has a README with the lesson's sections and at least two hints", () => {
    const readme = readFileSync(join(exercise.dir, "README.md"), "utf8");
    expect(readme.startsWith(`# ${exercise.id.slice(0, 2)} · `), "the README opens with `# NN · Title`").toBe(true);
    for (const section of README_SECTIONS) expect(readme, `README.md needs a "${section}" section`).toContain(section);
    expect(exercise.hints.length).toBeGreaterThanOrEqual(2);
  });

  it("has a starter with a TODO, unless it is a worked example", () => {
    const todos = exercise.codeFiles.filter((file) => readFileSync(join(exercise.dir, file), "utf8").includes("TODO:"));
    expect(todos.length > 0 || exercise.workedExample, "no `// TODO:` marks the learner's work").toBe(true);
  });

  it("has a solution for every starter file, with the same exports and types", () => {
    const starters = exercise.codeFiles.map((file) => join(exercise.dir, file));
    const solutions = exercise.codeFiles.map((file) => join(solutionsDir, exercise.id, file));
    for (const file of solutions) expect(existsSync(file), `${file} is missing`).toBe(true);
    const signatures = exportSignatures(
      [...starters, ...solutions],
      readCompilerOptions(join(exercisesDir, "tsconfig.json")),
    );
    for (const [index, starter] of starters.entries()) {
      const solution = solutions[index] as string;
      expect(Object.fromEntries(signatures.get(solution) ?? []), `${solution} drifted from its starter`).toEqual(
        Object.fromEntries(signatures.get(starter) ?? []),
      );
    }
  });
});

describe("the starters, graded", () => {
  const tests = testProcessFor(exercisesDir);
  afterAll(() => tests.close());

  const analysis = Promise.resolve(new Map());

  it.each(curriculum)("$id fails as shipped (or passes, if a worked example)", async (exercise) => {
    const result = await gradeExercise(exercise, { target: exercisesDir, tests, analysis });
    if (exercise.workedExample) expect(result.status).toBe("passed");
    else expect(result.status, `the starter of ${exercise.id} already passes: ${result.message}`).toBe("failed");
  });
});

describe("the test manifest", () => {
  it("is current: it holds the hashes of the shipped tests and starters", () => {
    expect(readManifest(manifestFile), "run `pnpm --filter @workshop/grader manifest` and commit it").toEqual(
      buildManifest(curriculum),
    );
  });
});
