// The reference solutions against their starters (instructor's edition only): every learner file has a
// solution with the same exports and types, so that the tests, written once beside the starters, fit both.
// That the solutions pass is proved by the solutions package's own `vitest run`, and by `pnpm grade --solutions`.
import { existsSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { loadCurriculum } from "../../src/curriculum/load-curriculum.ts";
import { workshop } from "../../src/paths.ts";
import { exportSignatures } from "../support/signatures.ts";

const curriculum = loadCurriculum(workshop.exercises);

function compilerOptions(): ts.CompilerOptions {
  const file = join(workshop.exercises, "tsconfig.json");
  const { config } = ts.readConfigFile(file, ts.sys.readFile);
  return ts.parseJsonConfigFileContent(config, ts.sys, workshop.exercises).options;
}

describe.each(curriculum)("$id", (exercise) => {
  it("has a solution for every learner file, with the same exports and types", () => {
    const starters = exercise.files.learner.map((file) => join(exercise.dir, file));
    const solutions = exercise.files.learner.map((file) => join(workshop.solutions, exercise.id, file));
    for (const file of solutions) expect(existsSync(file), `${file} is missing`).toBe(true);
    const signatures = exportSignatures([...starters, ...solutions], compilerOptions());
    for (const [index, starter] of starters.entries()) {
      const solution = solutions[index] as string;
      expect(Object.fromEntries(signatures.get(solution) ?? []), `${solution} drifted from its starter`).toEqual(
        Object.fromEntries(signatures.get(starter) ?? []),
      );
    }
  });
});
