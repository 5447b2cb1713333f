// The curriculum proves itself, as rustlings' dev check does: every exercise.json is valid (loading it checks
// it), every fact it gives is the only statement of it, every untouched starter has work left to do and fails,
// and every exercise grades. It needs no solutions, and holds at every stage of a learner's work: it runs in the
// learner's edition too, where exercises/ is the learner's (a starter they have worked on is theirs, and is
// checked as their code). That the files made from the exercises are current is the instructor's check
// (instructor/derived-files.test.ts): a learner's edits change the starters those files record.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseSync } from "oxc-parser";
import { afterAll, describe, expect, it } from "vitest";
import { readModuleShape } from "../src/analysis/module-shape.ts";
import { loadCurriculum } from "../src/curriculum/load-curriculum.ts";
import { gitBlobId, manifestPath, readManifest } from "../src/manifest.ts";
import { workshop } from "../src/paths.ts";
import { practiceSession } from "./support/practice-session.ts";

const curriculum = loadCurriculum(workshop.exercises);
const README_SECTIONS = ["## Objective", "## Explanation", "## Your task", "## Expected output", "## Key points"];
const manifest = readManifest();

/** Whether a learner file of an exercise is still the starter the workshop shipped. */
function untouched(dir: string, file: string): boolean {
  return gitBlobId(readFileSync(join(dir, file))) === manifest.files[manifestPath(join(dir, file))];
}

/** The names a test file imports from `./<file>`, for each file it imports so. */
function importedNames(testFile: string): Map<string, string[]> {
  const { module } = parseSync(testFile, readFileSync(testFile, "utf8"), { sourceType: "module", lang: "ts" });
  const byFile = new Map<string, string[]>();
  for (const statement of module.staticImports) {
    const from = statement.moduleRequest.value;
    if (!from.startsWith("./")) continue;
    const names = statement.entries.filter((entry) => !entry.isType).flatMap((entry) => entry.importName.name ?? []);
    byFile.set(from.slice(2), [...(byFile.get(from.slice(2)) ?? []), ...names]);
  }
  return byFile;
}

describe.each(curriculum)("$id", (exercise) => {
  const readme = readFileSync(join(exercise.dir, "README.md"), "utf8");

  it("has a README with the lesson's sections and at least two hints", () => {
    for (const section of README_SECTIONS) expect(readme, `README.md needs a "${section}" section`).toContain(section);
    expect(exercise.hints.length).toBeGreaterThanOrEqual(2);
  });

  it("states its title once, in exercise.json: not in the README, the untouched starters or the test", () => {
    const starters = exercise.files.learner.filter((file) => untouched(exercise.dir, file));
    const files = ["README.md", ...starters, ...exercise.files.given, exercise.files.test];
    for (const file of files) {
      expect(readFileSync(join(exercise.dir, file), "utf8"), `${file} restates the title`).not.toContain(
        exercise.title,
      );
    }
  });

  it("names in its README only files it has, or that the exercises it builds on have", () => {
    const known = new Set(
      [exercise, ...curriculum.filter((e) => exercise.uses.includes(e.id))].flatMap((e) => [
        ...e.files.learner,
        ...e.files.given,
        e.files.test,
      ]),
    );
    const named = [...readme.matchAll(/`(?:\.\.\/\d{2}-[a-z0-9-]+\/)?([a-z0-9-]+\.ts)`/g)].map((match) => match[1]);
    for (const file of named) expect(known, `README.md names ${file}`).toContain(file);
    expect(readme, "the README's grading command names this exercise").toContain(`pnpm grade ${exercise.number}`);
  });

  it("has a TODO in every starter still as shipped, unless it is a worked example", () => {
    for (const file of exercise.files.learner.filter((name) => untouched(exercise.dir, name))) {
      const todo = readFileSync(join(exercise.dir, file), "utf8").includes("TODO:");
      expect(todo || exercise.workedExample, `no \`// TODO:\` marks the learner's work in ${file}`).toBe(true);
    }
  });

  it("exports from each untouched starter what its contract says, and the test imports nothing else", () => {
    const imported = importedNames(exercise.testFile);
    for (const file of exercise.files.learner) {
      const declared = exercise.contract.exports[file] ?? [];
      if (untouched(exercise.dir, file)) {
        expect(readModuleShape(join(exercise.dir, file)).names.sort(), `${file} of the starter`).toEqual(
          [...declared].sort(),
        );
      }
      for (const name of imported.get(file) ?? [])
        expect(declared, `${exercise.files.test} imports ${name}`).toContain(name);
    }
  });
});

describe("the exercises, graded as they stand", () => {
  const session = practiceSession();
  afterAll(() => session.close());

  it("say 'not started yet' of every untouched starter, and grade everything else as code", async () => {
    const report = await session.grade(curriculum, { listeners: [] });
    for (const [index, exercise] of curriculum.entries()) {
      const result = report?.exercises[index];
      const started = exercise.files.learner.some((file) => !untouched(exercise.dir, file));
      if (exercise.workedExample) expect(result?.status).toBe("passed");
      else if (!started) expect(result?.reason, `${exercise.id}: ${result?.message}`).toBe("not-started");
      // A learner's work gets a verdict about itself: never the grader's own failure to grade.
      else expect(result?.reason, `${exercise.id}: ${result?.message}`).not.toBe("config-error");
    }
  });
});
