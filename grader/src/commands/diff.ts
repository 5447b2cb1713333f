import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { createTwoFilesPatch } from "diff";
import pc from "picocolors";
import type { Exercise } from "../curriculum/load-curriculum.ts";
import { displayPath, workshop } from "../paths.ts";

/**
 * The learner's files of one exercise against the reference solution, as a unified diff: `-` lines are the
 * solution's, `+` lines the learner's, so the `+` lines are what the learner wrote differently. In colour
 * when `colour` (a terminal); plain otherwise, so it can be saved as a patch.
 */
export function formatExerciseDiff(exercise: Exercise, target: string, colour: boolean): string {
  const patches = exercise.files.learner.map((name) => {
    const solution = join(workshop.solutions, exercise.id, name);
    const learner = join(target, exercise.id, name);
    const patch = createTwoFilesPatch(
      displayPath(solution),
      displayPath(learner),
      readIfPresent(solution),
      readIfPresent(learner),
      existsSync(solution) ? "solution" : "missing",
      existsSync(learner) ? "learner" : "missing",
      { context: 3 },
    );
    // jsdiff opens with a line of `=`, which `git apply` and `patch` do not need.
    const body = patch.replace(/^=+\n/, "").trimEnd();
    return hasHunks(body) ? body : `${displayPath(learner)}: the same as the solution`;
  });
  const text = `${patches.join("\n")}\n`;
  return colour ? colourPatch(text, pc.createColors(true)) : text;
}

function readIfPresent(file: string): string {
  return existsSync(file) ? readFileSync(file, "utf8") : "";
}

function hasHunks(patch: string): boolean {
  return patch.split("\n").some((line) => line.startsWith("@@"));
}

function colourPatch(patch: string, c: ReturnType<typeof pc.createColors>): string {
  return patch
    .split("\n")
    .map((line) => {
      if (line.startsWith("+++") || line.startsWith("---")) return c.bold(line);
      if (line.startsWith("+")) return c.green(line);
      if (line.startsWith("-")) return c.red(line);
      if (line.startsWith("@@")) return c.cyan(line);
      return line;
    })
    .join("\n");
}
