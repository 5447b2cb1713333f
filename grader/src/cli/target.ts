import { existsSync, readdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { EXERCISE_ID } from "../curriculum/exercise-schema.ts";
import { UsageError } from "../errors.ts";

/**
 * The folder `--target` names, checked: it must exist and be laid out like exercises/ (one `NN-slug/` folder per
 * exercise). A repository's root is refused with the folder to give instead, rather than graded as ten
 * exercises that are all missing.
 */
export function targetFolder(given: string): string {
  const folder = resolve(given);
  if (!existsSync(folder) || !statSync(folder).isDirectory()) {
    throw new UsageError(`--target ${given}: there is no folder at ${folder}. Give a folder laid out like exercises/.`);
  }
  const holdsExercises = (dir: string) =>
    readdirSync(dir, { withFileTypes: true }).some((entry) => entry.isDirectory() && EXERCISE_ID.test(entry.name));
  if (holdsExercises(folder)) return folder;
  const inner = join(folder, "exercises");
  if (existsSync(inner) && holdsExercises(inner)) {
    throw new UsageError(
      `--target ${given} is a workshop's root, not its exercises: give --target ${join(given, "exercises")}`,
    );
  }
  throw new UsageError(
    `--target ${given}: ${folder} holds no exercise folders (such as 01-integers/). Give a folder laid out like exercises/.`,
  );
}
