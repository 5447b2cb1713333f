import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Exercise } from "../curriculum/load-curriculum.ts";

/** Shorter lines (`return total;`, `}`) are common to every program, not an answer. */
const DISTINCTIVE_LENGTH = 30;

/** A line of some solution, found where it should not be. */
export interface LeakedLine {
  file: string;
  line: number;
  text: string;
  /** The solution file it comes from. */
  from: string;
}

/**
 * The lines that give a solution away: each solution's non-comment lines of 30 characters or more (trimmed)
 * (`minLength`) that no starter has, that are not imports, and that the workshop's own library code (`common`: the lines of
 * packages/ and grader/src/, which ship in every edition by design) does not hold already. What is left is the
 * solution's own: a line like `const startedAt = performance.now();` is the language's, not an answer.
 */
export function distinctiveLines(
  curriculum: Exercise[],
  solutionsDir: string,
  { common = "", minLength = DISTINCTIVE_LENGTH }: { common?: string; minLength?: number } = {},
): Map<string, string> {
  const starters = new Set(
    curriculum.flatMap((exercise) =>
      exercise.files.learner.flatMap((name) => codeLines(readFileSync(join(exercise.dir, name), "utf8"))),
    ),
  );
  const lines = new Map<string, string>();
  for (const exercise of curriculum) {
    for (const name of exercise.files.learner) {
      const solution = join(solutionsDir, exercise.id, name);
      for (const line of codeLines(readFileSync(solution, "utf8"))) {
        if (line.length < minLength || starters.has(line) || common.includes(line) || isImport(line)) continue;
        lines.set(line, `${exercise.id}/${name}`);
      }
    }
  }
  return lines;
}

/**
 * The code of the given files, line by line, as one text: what `distinctiveLines` takes as common to the workshop
 * (a solution line found anywhere in it, `function median(` inside `export function median(`, is common).
 */
export function commonCode(folder: string, files: string[]): string {
  return files.flatMap((path) => codeLines(readFileSync(join(folder, path), "utf8"))).join("\n");
}

function isImport(line: string): boolean {
  return /^import\b/.test(line) || /^export .* from ["']/.test(line);
}

/** Every distinctive solution line in `files` (paths from `folder`), wherever it stands in a line. */
export function findLeaks(folder: string, files: string[], distinctive: Map<string, string>): LeakedLine[] {
  const leaks: LeakedLine[] = [];
  for (const path of files) {
    const file = join(folder, path);
    let text: string;
    try {
      text = readFileSync(file, "utf8");
    } catch {
      continue;
    }
    if (text.includes("\u0000")) continue;
    for (const [index, raw] of text.split("\n").entries()) {
      const line = raw.trim();
      if (line.length < DISTINCTIVE_LENGTH) continue;
      for (const [answer, from] of distinctive) {
        if (line.includes(answer)) leaks.push({ file: path, line: index + 1, text: answer, from });
      }
    }
  }
  return leaks;
}

/** The trimmed lines of a program that are code, not comments. */
function codeLines(text: string): string[] {
  return text
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith("//") && !line.startsWith("*") && !line.startsWith("/*"));
}
