// `pnpm learner-edition`: the workshop a class is handed, written from this commit. It must hold every
// exercise as a learner needs it, none of the answers, and a grader that works there on its own.
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadCurriculum } from "../../src/curriculum/load-curriculum.ts";
import { distinctiveLines, findLeaks } from "../../src/edition/answer-scan.ts";
import { instructorOnly } from "../../src/edition/instructor-only.ts";
import { withoutInstructorSections } from "../../src/edition/learner-edition.ts";
import { workshop } from "../../src/paths.ts";
import type { GradeReport } from "../../src/result.ts";
import { instructorBin, runGrader } from "../run-grader.ts";

const curriculum = loadCurriculum(workshop.exercises);
const temporary = mkdtempSync(join(tmpdir(), "learner-edition-"));
const edition = join(temporary, "edition");
const files = (folder: string) =>
  execFileSync("git", ["ls-files"], { cwd: folder, encoding: "utf8" }).split("\n").filter(Boolean);
let written: Awaited<ReturnType<typeof runGrader>>;

// Writing it installs its packages (from the store, offline) and makes its derived files: 20-40 s.
beforeAll(async () => {
  written = await runGrader(["learner-edition", edition], {}, instructorBin, workshop.root);
}, 180_000);
afterAll(() => rmSync(temporary, { recursive: true, force: true }));

describe("the learner edition", () => {
  it("is written, one commit, with no answer found in it", () => {
    expect(written.stderr).toBe("");
    expect(written.exitCode).toBe(0);
    expect(execFileSync("git", ["rev-list", "--count", "HEAD"], { cwd: edition, encoding: "utf8" }).trim()).toBe("1");
  });

  it("holds no solution, hidden test, fixture of code, or test of the grader that needs them", () => {
    const shipped = files(edition);
    expect(shipped.filter(instructorOnly)).toEqual([]);
    expect(existsSync(join(edition, "solutions"))).toBe(false);
    expect(shipped.some((path) => path.includes("/hidden/"))).toBe(false);
    for (const exercise of curriculum) {
      const metadata = JSON.parse(readFileSync(join(edition, "exercises", exercise.id, "exercise.json"), "utf8"));
      expect(metadata.files.hidden, exercise.id).toBeUndefined();
    }
    expect(readFileSync(join(edition, "pnpm-workspace.yaml"), "utf8")).not.toMatch(/solutions/);
  });

  it("holds every other file of the workshop, the exercises' byte for byte", () => {
    const committed = files(workshop.root).filter((path) => !instructorOnly(path));
    expect(files(edition).sort()).toEqual(expect.arrayContaining(committed.sort()));
    for (const exercise of curriculum) {
      for (const name of [exercise.files.test, ...exercise.files.learner, "README.md", "hints.md"]) {
        const path = join("exercises", exercise.id, name);
        expect(readFileSync(join(edition, path), "utf8"), path).toBe(readFileSync(join(workshop.root, path), "utf8"));
      }
    }
  });

  it("has a README without the instructor's sections", () => {
    const readme = readFileSync(join(edition, "README.md"), "utf8");
    expect(readme).not.toContain("instructor-edition");
    expect(readme).toBe(withoutInstructorSections(readFileSync(join(workshop.root, "README.md"), "utf8")));
  });

  it("grades with its own grader: every starter not started yet, the learner sent to 01, derived files current", async () => {
    const grade = join(edition, "grader/bin/grade.js");
    const state = { WORKSHOP_STATE_DIR: join(temporary, "state") };
    const graded = await runGrader(["--json"], state, grade, edition);
    const report = JSON.parse(graded.stdout) as GradeReport;
    expect(report.exercises.map((e) => [e.id, e.reason])).toEqual(curriculum.map((e) => [e.id, "not-started"]));
    const terminal = await runGrader([], state, grade, edition);
    expect(terminal.exitCode).toBe(1);
    expect(terminal.stdout.trimEnd().split("\n").at(-1)).toMatch(
      new RegExp(`^0/${curriculum.length} done .* next: 01-integers`),
    );
    const check = await runGrader(["generate", "--check"], {}, join(edition, "grader/bin/instructor.js"), edition);
    expect(check.stdout).toBe("every derived file is up to date\n");
    expect(check.exitCode).toBe(0);
  }, 120_000);

  it("gets every exercise, hidden tests included, from this workshop's grader with the solutions in its exercises/", async () => {
    const submission = join(temporary, "submission");
    cpSync(join(edition, "exercises"), submission, { recursive: true });
    cpSync(workshop.solutions, submission, { recursive: true });
    // One core: the speedup check proves the parallel structure without timing it, which is not what this tests.
    const graded = await runGrader(["--target", submission, "--json"], { WORKSHOP_CORES: "1" });
    const report = JSON.parse(graded.stdout) as GradeReport;
    expect(report.summary).toMatchObject({
      passed: curriculum.length,
      total: curriculum.length,
      score: report.summary.maxScore,
    });
    for (const result of report.exercises) {
      const hidden = result.tests.filter((test) => test.hidden);
      expect(hidden.length, `${result.id}: its hidden tests ran`).toBeGreaterThan(0);
      expect(
        hidden.filter((test) => test.status !== "passed"),
        result.id,
      ).toEqual([]);
    }
  }, 180_000);

  it("has every pnpm command its READMEs and lessons tell a learner to run", () => {
    // A script of the root package.json, a command a package installs (`pnpm grade` runs the grader's bin), or
    // one of pnpm's own.
    const scripts = Object.keys(JSON.parse(readFileSync(join(edition, "package.json"), "utf8")).scripts);
    const known = new Set([...scripts, ...readdirSync(join(edition, "node_modules/.bin")), "install", "exec"]);
    const documents = [
      "README.md",
      ...curriculum.flatMap((e) => [`exercises/${e.id}/README.md`, `exercises/${e.id}/hints.md`]),
    ];
    for (const document of documents) {
      const text = readFileSync(join(edition, document), "utf8");
      for (const [, command = ""] of text.matchAll(/`pnpm (?:-s )?([a-z][\w:-]*)/g)) {
        expect(known.has(command), `${document} names \`pnpm ${command}\``).toBe(true);
      }
    }
  });

  it("passes its own lint, with the files rewritten for it laid out as Biome wants them", () => {
    const biome = join(edition, "node_modules/@biomejs/biome/bin/biome");
    expect(() => execFileSync(process.execPath, [biome, "check", "."], { cwd: edition, stdio: "pipe" })).not.toThrow();
  });

  it("cannot be written from a learner edition, which has no answers to leave out", async () => {
    const again = await runGrader(
      ["learner-edition", join(temporary, "again")],
      {},
      join(edition, "grader/bin/instructor.js"),
      edition,
    );
    expect(again.exitCode).toBe(2);
    expect(again.stderr).toMatch(/learner edition already/);
  });
});

describe("the answer scan", () => {
  const lines = distinctiveLines(curriculum, workshop.solutions);

  it("finds a solution's own line wherever it was pasted, naming the file, the line and the solution", () => {
    const [answer, from] = [...lines].find(([, file]) => file.startsWith("05-")) ?? [];
    expect(answer, "05's solution has distinctive lines").toBeDefined();
    const folder = mkdtempSync(join(temporary, "scan-"));
    writeFileSync(join(folder, "notes.md"), `# Notes\n\n    ${answer}\n`);
    expect(findLeaks(folder, ["notes.md"], lines)).toEqual([{ file: "notes.md", line: 3, text: answer, from }]);
  });

  it("leaves the starters' own lines, imports and short idioms alone", () => {
    const starters = curriculum.flatMap((exercise) => exercise.files.learner.map((name) => `${exercise.id}/${name}`));
    expect(findLeaks(workshop.exercises, starters, lines)).toEqual([]);
    expect([...lines.keys()].filter((line) => line.startsWith("import ") || line.length < 30)).toEqual([]);
  });
});
