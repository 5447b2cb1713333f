import { readFileSync } from "node:fs";
import { CurriculumError } from "../errors.ts";

/**
 * Reads an exercise's progressive hints: `hints.md` holds `## Hint 1`, `## Hint 2`, ... sections, each shown
 * only when the learner asks for one more.
 */
export function readHints(file: string): string[] {
  const text = readFileSync(file, "utf8");
  const hints = text
    .split(/^## Hint \d+[^\n]*\n/m)
    .slice(1)
    .map((hint) => hint.trim())
    .filter((hint) => hint.length > 0);
  if (hints.length === 0) {
    throw new CurriculumError(`${file} has no hints: write them as sections headed "## Hint 1", "## Hint 2", ...`);
  }
  return hints;
}
