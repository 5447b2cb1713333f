// The analysis behind "forgotten await" names nothing in the reference solutions: a finding there would be a
// false alarm, shown to every learner who solves the exercise the way the workshop does.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { forgottenAwaits } from "../../src/analysis/forgotten-awaits.ts";
import { loadCurriculum } from "../../src/curriculum/load-curriculum.ts";
import { workshop } from "../../src/paths.ts";

describe("forgotten awaits in the reference solutions", () => {
  it.each(loadCurriculum(workshop.exercises))("$id: none", (exercise) => {
    for (const name of exercise.files.learner) {
      const file = join(workshop.solutions, exercise.id, name);
      expect(existsSync(file), `${file} exists`).toBe(true);
      expect(forgottenAwaits(file), name).toEqual([]);
    }
  });
});
