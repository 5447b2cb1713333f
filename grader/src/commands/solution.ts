import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Exercise } from "../curriculum/load-curriculum.ts";
import { UsageError } from "../errors.ts";
import { displayPath, workshop } from "../paths.ts";
import { loadState } from "../state.ts";

/**
 * The reference solution of an exercise, once the learner's own has passed (as rustlings shows its solutions):
 * seeing it before would spoil the work, after it shows another way. Refused before the pass, saying why, and in
 * an edition without solutions.
 */
export function showSolution(exercise: Exercise, stateFile: string): string {
  const folder = join(workshop.solutions, exercise.id);
  if (!existsSync(folder)) {
    throw new UsageError(
      "this edition of the workshop has no reference solutions. Your instructor can show you theirs once your " +
        `${exercise.id} passes.`,
    );
  }
  if (loadState(stateFile).lastStatus[exercise.id] !== "passed") {
    throw new UsageError(
      `the solution of ${exercise.id} is shown once your own passes: it would spoil the exercise before. ` +
        `Grade it with \`pnpm grade ${exercise.number}\`; \`pnpm grade hint ${exercise.number}\` helps on the way.`,
    );
  }
  return exercise.files.learner
    .map((name) => {
      const file = join(folder, name);
      return `── ${displayPath(file)} ──\n${readFileSync(file, "utf8").trimEnd()}\n`;
    })
    .join("\n");
}
