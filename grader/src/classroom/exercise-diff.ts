import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { createTwoFilesPatch } from "diff";
import pc from "picocolors";
import type { Exercise } from "../curriculum/load-curriculum.ts";
import { displayPath, workshop } from "../paths.ts";
import { hasHiddenCharacters, visibleText } from "./visible-text.ts";

/** One side of a diff: a tree laid out like exercises/, and what to call it in the diff's headers. */
export interface DiffSide {
  /** `solution`, a learner's name. */
  label: string;
  tree: string;
}

/** The reference solutions, as the side a learner's files are compared with unless another is given. */
export const SOLUTION_SIDE: DiffSide = { label: "solution", tree: workshop.solutions };

/**
 * A learner's files of one exercise against the reference solution (or another learner's), as a unified diff:
 * `-` lines are the other side's, `+` lines the learner's, so the `+` lines are what the learner wrote
 * differently. Every line is shown through visibleText: a learner's comment that holds escape sequences, a
 * carriage return or a bidi override is shown as what it is, never acted on by the terminal (it could hide a
 * line of the diff, or make a patch look like two harmless comments). Such lines are also named after the diff.
 * Line ends and a byte order mark are read as a person sees them, so a Windows file differs only where its code
 * does. In colour when `colour` (a terminal); plain otherwise, so it can be saved as a patch.
 */
export function formatExerciseDiff(
  exercise: Exercise,
  learner: DiffSide,
  colour: boolean,
  against: DiffSide = SOLUTION_SIDE,
): string {
  const patches = exercise.files.learner.map((name) => {
    const theirs = join(against.tree, exercise.id, name);
    const mine = join(learner.tree, exercise.id, name);
    const mineText = readIfPresent(mine);
    const patch = createTwoFilesPatch(
      sideName(against, exercise, name),
      sideName(learner, exercise, name),
      readIfPresent(theirs),
      mineText,
      existsSync(theirs) ? against.label : "missing",
      existsSync(mine) ? "learner" : "missing",
      { context: 3 },
    );
    // jsdiff opens with a line of `=`, which `git apply` and `patch` do not need.
    const body = patch.replace(/^=+\n/, "").trimEnd();
    const shown = hasHunks(body)
      ? body.split("\n").map(visibleLine).join("\n")
      : `${visibleText(sideName(learner, exercise, name))}: the same as the ${visibleText(against.label)}'s`;
    return [shown, ...hiddenWarnings(learner, exercise, name, mineText)].join("\n");
  });
  const text = `${patches.join("\n")}\n`;
  return colour ? colourPatch(text, pc.createColors(true)) : text;
}

/** `solutions/03-fibonacci/fibonacci.ts` (as the workshop shows paths), `ada/03-fibonacci/fibonacci.ts`. */
function sideName(side: DiffSide, exercise: Exercise, name: string): string {
  return side === SOLUTION_SIDE
    ? displayPath(join(side.tree, exercise.id, name))
    : `${side.label}/${exercise.id}/${name}`;
}

/** A line of the patch with its first character (`+`, `-`, ` `, `@`, `\`) kept and the rest made visible. */
function visibleLine(line: string): string {
  return line.length === 0 ? line : `${line[0]}${visibleText(line.slice(1))}`;
}

/** The lines of a learner's file that a terminal would have acted on, named so that they are not missed. */
function hiddenWarnings(side: DiffSide, exercise: Exercise, name: string, text: string): string[] {
  const lines = text.split("\n").flatMap((line, index) => (hasHiddenCharacters(line) ? [index + 1] : []));
  if (lines.length === 0) return [];
  return [
    `⚠ ${visibleText(sideName(side, exercise, name))}: line${lines.length === 1 ? "" : "s"} ${lines.join(", ")} ` +
      "hold characters a terminal would act on or that reorder text (escape sequences, carriage returns, bidi " +
      "controls), shown above as ␛, ␍, <U+202E>: read them before trusting what the code looks like.",
  ];
}

/** A file's text as a person reads it: no byte order mark, `\n` line ends. */
function readIfPresent(file: string): string {
  return existsSync(file)
    ? readFileSync(file, "utf8")
        .replace(/^\uFEFF/, "")
        .replace(/\r\n/g, "\n")
    : "";
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
      if (line.startsWith("⚠")) return c.yellow(line);
      return line;
    })
    .join("\n");
}
