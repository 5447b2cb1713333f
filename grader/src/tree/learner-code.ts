import { existsSync } from "node:fs";
import { join } from "node:path";
import type { Exercise } from "../curriculum/load-curriculum.ts";
import { filesUnder } from "./files-under.ts";

/** Folders in an exercise that never hold the learner's code. */
const NOT_CODE = new Set(["node_modules", "hidden"]);

/**
 * The learner's code of one exercise in a tree, as paths from the exercise's folder (`/` separated): the
 * learner files its exercise.json declares, then any helper module beside them, in subfolders too. Test files
 * (the learner's own `*.test.ts` included) and the files the exercise gives are not the learner's code.
 */
export function learnerCode(tree: string, exercise: Exercise): string[] {
  const folder = join(tree, exercise.id);
  const skipped = (name: string) => NOT_CODE.has(name) || name.startsWith(".");
  const helpers = existsSync(folder) ? filesUnder(folder, skipped).filter((path) => isHelper(path, exercise)) : [];
  return [...exercise.files.learner, ...helpers.sort()];
}

function isHelper(path: string, exercise: Exercise): boolean {
  return (
    /\.(ts|mts)$/.test(path) &&
    !/\.test\.(ts|mts)$/.test(path) &&
    !exercise.files.learner.includes(path) &&
    !exercise.files.given.includes(path)
  );
}

/** An exercise and every earlier one whose code it imports, directly or through another, in curriculum order. */
export function withUsed(exercises: Exercise[], curriculum: Exercise[]): Exercise[] {
  const wanted = new Set<string>();
  const add = (exercise: Exercise) => {
    if (wanted.has(exercise.id)) return;
    wanted.add(exercise.id);
    for (const id of exercise.uses) {
      const used = curriculum.find((e) => e.id === id);
      if (used) add(used);
    }
  };
  for (const exercise of exercises) add(exercise);
  return curriculum.filter((e) => wanted.has(e.id));
}
