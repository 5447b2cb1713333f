// Similar code in a class (classroom/similarity/), on the fixture class as a batch lays it out: a Classroom clone
// that is the reference solution verbatim (edsger), a flat zip (alan) copied as loose files with Windows line ends
// and a byte order mark (barbara), and honest learners in every other shape (clones, a nested zip, an exercises/
// folder, loose files), none of whom may be flagged.
import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { classSubmissions } from "../../src/classroom/class-submissions.ts";
import { type PreparedSubmission, prepareSubmission } from "../../src/classroom/prepare-submission.ts";
import { codeTokens } from "../../src/classroom/similarity/code-tokens.ts";
import { compareClassCode } from "../../src/classroom/similarity/compare-code.ts";
import type { SimilarityReport } from "../../src/classroom/similarity/similarity-report.ts";
import { SubmissionError } from "../../src/classroom/submission-error.ts";
import { loadCourse } from "../../src/course.ts";
import { loadCurriculum } from "../../src/curriculum/load-curriculum.ts";
import { readManifest } from "../../src/manifest.ts";
import { workshop } from "../../src/paths.ts";
import { fixture } from "../run-grader.ts";

const curriculum = loadCurriculum(workshop.exercises);
const prepared: PreparedSubmission[] = [];
let report: SimilarityReport;

beforeAll(async () => {
  const submissions = mkdtempSync(join(tmpdir(), "grader-class-similarity-"));
  cpSync(fixture("class"), submissions, { recursive: true });
  for (const clone of ["ada", "edsger", "grace/async-workshop-grace"]) {
    const git = (...args: string[]) => execFileSync("git", args, { cwd: join(submissions, clone), stdio: "ignore" });
    git("init", "-q");
    git("add", "-A");
    git("-c", "user.name=learner", "-c", "user.email=learner@example.com", "commit", "-q", "-m", "my work");
  }
  for (const submission of classSubmissions(submissions, curriculum).submissions) {
    try {
      prepared.push(await prepareSubmission(submission, { curriculum, manifest: readManifest() }));
    } catch (error) {
      if (!(error instanceof SubmissionError)) throw error; // dennis handed in none of the exercises' files
    }
  }
  report = compareClassCode(curriculum, {
    learners: prepared.map((ready) => ({ name: ready.info.name, tree: ready.tree })),
    solutions: workshop.solutions,
    threshold: loadCourse().similarity.threshold,
  });
});
afterAll(() => {
  for (const ready of prepared) ready.dispose();
});

describe("similar code in the fixture class", () => {
  it("is compared for every learner, whatever shape they handed in", () => {
    expect(prepared.map((ready) => `${ready.info.name} ${ready.info.layout}${ready.info.zip ? " zip" : ""}`)).toEqual([
      "ada repository",
      "alan exercises zip",
      "barbara files",
      "edsger repository",
      "grace repository",
      "ken exercises",
      "linus repository zip",
      "margaret files",
    ]);
    const fibonacci = report.compared.find((c) => c.exercise === "03-fibonacci");
    expect(fibonacci).toEqual({ exercise: "03-fibonacci", file: "fibonacci.ts", learners: 6, reference: true });
  });

  it("flags the learner who handed in the reference solution, and the copied pair, and no one else", () => {
    expect(report.matches.map((m) => `${m.exercise} ${m.left} ~ ${m.right}`).sort()).toEqual([
      "01-integers alan ~ barbara",
      "01-integers edsger ~ reference solution",
      "03-fibonacci alan ~ barbara",
      "03-fibonacci edsger ~ reference solution",
      "08-pi-split edsger ~ reference solution",
    ]);
    for (const match of report.matches.filter((m) => m.reference)) expect(match.similarity).toBe(1);
    for (const match of report.matches) expect(match.similarity).toBeGreaterThanOrEqual(report.threshold);
  });

  it("shows the matching fragments, lines of both sides, read as a person reads them (no BOM, no CR)", () => {
    const pair = report.matches.find((m) => m.exercise === "03-fibonacci" && m.left === "alan");
    const [longest] = pair?.fragments ?? [];
    expect(longest?.left.lines).toEqual(longest?.right.lines);
    expect(longest?.right.lines.join("\n")).toContain("const oldest = window.shift() as number;");
    expect(longest?.right.lines.join("")).not.toMatch(/[\r\ufeff]/);
    const copied = report.matches.find((m) => m.exercise === "03-fibonacci" && m.reference);
    expect(copied?.fragments[0]?.left.lines.join("\n")).toContain("Destructuring updates both at once");
  });
});

describe("the tokens compared", () => {
  it("are the syntax tree's, with the names and the words of comments, whatever the line ends", () => {
    const unix = codeTokens("a.ts", "// Keep two numbers\nlet a = 1;\n");
    const windows = codeTokens("b.ts", "\ufeff// Keep two numbers\r\nlet a = 1;\r\n");
    expect(windows.tokens).toEqual(unix.tokens);
    expect(unix.tokens).toEqual(
      expect.arrayContaining(["#keep", "#two", "VariableDeclaration", "Identifier", "=a", "Literal", "=1"]),
    );
  });
});
