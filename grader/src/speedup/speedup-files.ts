import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Exercise } from "../curriculum.ts";
import { solutionsDir } from "../paths.ts";

/** The files of an exercise that the speedup check imports, by name (the same names in every tree). */
export interface SpeedupFiles {
  /** Exports `calcPiSplit`. */
  split: string;
  /** Exports `sweep`, `overheadPerTask` and `savePlot` (the efficiency study), when the exercise has one. */
  sweep?: string;
}

/**
 * Finds which code file plays which part from the reference solution, where the names are known to be right:
 * in the learner's tree they may be misspelled (which the tests report first). `08` has `pi-split.ts`, `09`
 * has `calc-pi.ts` beside its script, `10` has `pi-split.ts` and `efficiency.ts`.
 */
export function speedupFiles(exercise: Exercise): SpeedupFiles | undefined {
  const exportsName = (file: string, name: string) => {
    const path = join(solutionsDir, exercise.id, file);
    if (!existsSync(path)) return false;
    const source = readFileSync(path, "utf8");
    return new RegExp(
      String.raw`export\s+(async\s+)?(function\*?|const|let)\s+${name}\b|export\s*\{[^}]*\b${name}\b[^}]*\}`,
    ).test(source);
  };
  const split = exercise.codeFiles.find((file) => exportsName(file, "calcPiSplit"));
  if (!split) return undefined;
  const sweep = exercise.codeFiles.find((file) => exportsName(file, "sweep"));
  return sweep ? { split, sweep } : { split };
}
