// The lessons against the reference solutions (instructor's edition only): what a learner reads teaches the
// pattern and never hands over the answer. The learner's edition ships READMEs, hints and docs without solutions/,
// so a solution's line copied into them would be the answer, delivered anyway.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { loadCurriculum } from "../../src/curriculum/load-curriculum.ts";
import { workshop } from "../../src/paths.ts";

const curriculum = loadCurriculum(workshop.exercises);

/** The trimmed code lines of a file, comments left out. */
function codeLines(file: string): string[] {
  return readFileSync(file, "utf8")
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "" && !/^(\/\/|\/\*|\*)/.test(line));
}

/**
 * A solution's distinctive lines: code of 30 characters or more that its starter does not have. Shorter lines
 * are idioms (`while (true) {`, `await sleep(ms);`) that any lesson about them must show.
 */
function distinctiveLines(exerciseId: string, file: string, minLength = 30): string[] {
  const solution = join(workshop.solutions, exerciseId, file);
  if (!existsSync(solution)) return [];
  const starter = new Set(codeLines(join(workshop.exercises, exerciseId, file)));
  return codeLines(solution).filter((line) => line.length >= minLength && !starter.has(line));
}

/** Every Markdown file of the workshop outside solutions/: the READMEs, the hints and the docs. */
function learnerTexts(): string[] {
  const markdown = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      if (name === "node_modules" || name.startsWith(".") || path === workshop.solutions) return [];
      if (statSync(path).isDirectory()) return markdown(path);
      return name.endsWith(".md") ? [path] : [];
    });
  return markdown(workshop.root);
}

describe("the READMEs, hints and docs", () => {
  it("hold no distinctive line of any solution", () => {
    const lines = curriculum.flatMap((e) =>
      e.files.learner.flatMap((file) => distinctiveLines(e.id, file).map((line) => ({ at: `${e.id}/${file}`, line }))),
    );
    expect(lines.length, "the solutions have distinctive lines to look for").toBeGreaterThan(20);
    const found = learnerTexts().flatMap((text) => {
      const content = readFileSync(text, "utf8");
      return lines
        .filter(({ line }) => content.includes(line))
        .map(({ at, line }) => `${relative(workshop.root, text)}: ${at}: ${line}`);
    });
    expect(found).toEqual([]);
  });
});

describe.each(curriculum)("$id", (exercise) => {
  it("ends its hints with the pattern, not with the answer's own lines", () => {
    const last = exercise.hints.at(-1) ?? "";
    // The code a hint shows: fenced blocks and `inline` spans, line by line.
    const shown = [...last.matchAll(/```\w*\n([\s\S]*?)```|`([^`\n]+)`/g)]
      .flatMap((match) => (match[1] ?? match[2] ?? "").split("\n"))
      .map((line) => line.trim());
    // A stricter bar than the one above: a line of 20 characters from the answer is already a give-away.
    const answer = exercise.files.learner.flatMap((file) => distinctiveLines(exercise.id, file, 20));
    expect(shown.filter((line) => answer.includes(line))).toEqual([]);
  });
});
