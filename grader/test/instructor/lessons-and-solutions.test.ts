// The lessons against the reference solutions (instructor's edition only): what a learner reads teaches the
// pattern and never hands over the answer. The learner's edition ships READMEs, hints and docs without solutions/,
// so a solution's line copied into them would be the answer, delivered anyway.
import { readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { loadCurriculum } from "../../src/curriculum/load-curriculum.ts";
import { distinctiveLines, findLeaks } from "../../src/edition/answer-scan.ts";
import { workshop } from "../../src/paths.ts";

const curriculum = loadCurriculum(workshop.exercises);

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
    const lines = distinctiveLines(curriculum, workshop.solutions);
    expect(lines.size, "the solutions have distinctive lines to look for").toBeGreaterThan(20);
    const texts = learnerTexts().map((text) => relative(workshop.root, text));
    const found = findLeaks(workshop.root, texts, lines).map(
      (leak) => `${leak.file}:${leak.line}: ${leak.from}: ${leak.text}`,
    );
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
    const answer = distinctiveLines([exercise], workshop.solutions, { minLength: 20 });
    expect(shown.filter((line) => answer.has(line))).toEqual([]);
  });
});
