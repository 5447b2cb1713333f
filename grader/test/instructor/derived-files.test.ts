// The files made from the exercises (the manifest of the shipped tests and starters, exercise.json's schema, the
// Classroom workflows) are current: the instructor's check, since a learner's edits change the starters the
// manifest records. The learner edition is written with its own, current (learner-edition.e2e.test.ts).
import { describe, expect, it } from "vitest";
import { loadCurriculum } from "../../src/curriculum/load-curriculum.ts";
import { staleDerivedFiles } from "../../src/derived-files.ts";
import { workshop } from "../../src/paths.ts";

describe("the files made from the exercises", () => {
  it("are current: manifest, exercise.json's schema, the Classroom workflow", () => {
    const curriculum = loadCurriculum(workshop.exercises);
    expect(staleDerivedFiles(curriculum), "run `pnpm instructor generate` and commit them").toEqual([]);
  });
});
