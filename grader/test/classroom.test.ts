// Grading a class: the GitHub Classroom workflow (current, valid, matching the metadata), the class summary
// on fixture results, a Gradescope submission copied into the workshop, and --diff against the solution.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { loadClassResults } from "../src/classroom/class-results.ts";
import { copySubmission } from "../src/classroom/submission.ts";
import { classColumns, formatClassCsv, formatClassTable } from "../src/classroom/summary.ts";
import { classroomWorkflow, classroomWorkflowFile, pinnedPnpm } from "../src/classroom/workflow.ts";
import { formatExerciseDiff } from "../src/commands/diff.ts";
import { type Exercise, findExercise, loadCurriculum } from "../src/curriculum/load-curriculum.ts";
import { UsageError } from "../src/errors.ts";
import { workshop } from "../src/paths.ts";
import { fixture, instructorBin, runGrader } from "./run-grader.ts";
import { copyWorkshop } from "./support/workshop-copy.ts";

const curriculum = loadCurriculum(workshop.exercises);
const scratch = () => mkdtempSync(join(tmpdir(), "grader-classroom-"));

/** What the command grader gives a command: PATH and HOME (its own list), here with colours off. */
const ciEnv = (home: string) => ({ PATH: process.env.PATH ?? "", HOME: home, NO_COLOR: "1" });

interface Step {
  name?: string;
  if?: string;
  id?: string;
  uses?: string;
  run?: string;
  with?: Record<string, string | number>;
  env?: Record<string, string>;
}

describe("the GitHub Classroom workflow", () => {
  const committed = readFileSync(classroomWorkflowFile, "utf8");
  const workflow = parse(committed) as { on: string[]; jobs: Record<string, { steps: Step[] }> };
  const steps = Object.values(workflow.jobs)[0]?.steps ?? [];
  const graders = steps.filter((s) => s.uses?.startsWith("classroom-resources/autograding-command-grader@"));

  it("is current: the committed file is what the exercise metadata generates", () => {
    expect(
      committed === classroomWorkflow(curriculum),
      "run `pnpm --filter @workshop/grader classroom-workflow` and commit .github/workflows/classroom.yml",
    ).toBe(true);
  });

  it("has one grading step per exercise: `pnpm grade <id> --ci`, worth its points, within a time limit", () => {
    expect(graders.map((s) => s.with?.["test-name"])).toEqual(curriculum.map((e) => e.id));
    for (const [index, exercise] of curriculum.entries()) {
      const step = graders[index];
      expect(step?.with?.command).toBe(
        `pnpm grade ${exercise.id} --ci --reporter markdown --out .workshop/feedback/${exercise.id}.md`,
      );
      expect(step?.with?.["max-score"]).toBe(exercise.points);
      // The action counts in minutes; its limit must leave room for the grader's own, tests and speedup check.
      expect(step?.with?.timeout).toBeGreaterThanOrEqual((2 * exercise.timeLimitSeconds) / 60);
    }
  });

  it("reports every grading step, by ids GitHub accepts, through the reporter's <ID>_RESULTS variables", () => {
    const ids = graders.map((s) => s.id ?? "");
    for (const id of ids) expect(id).toMatch(/^[A-Za-z_][A-Za-z0-9_-]*$/);
    expect(new Set(ids).size).toBe(curriculum.length);
    const reporter = steps.at(-1);
    expect(reporter?.uses).toBe("classroom-resources/autograding-grading-reporter@v1");
    expect(reporter?.with?.runners).toBe(ids.join(","));
    expect(reporter?.env).toEqual(
      Object.fromEntries(ids.map((id) => [`${id.toUpperCase()}_RESULTS`, `\${{steps.${id}.outputs.result}}`])),
    );
  });

  it("installs before grading, with the pnpm package.json pins, so no grading step needs the network", () => {
    const install = steps.findIndex((s) => s.run?.includes("pnpm install --frozen-lockfile"));
    expect(install).toBeGreaterThan(-1);
    expect(install).toBeLessThan(steps.indexOf(graders[0] as Step));
    expect(steps[install]?.run).toContain(`npm install -g pnpm@${pinnedPnpm()}`);
    for (const step of graders) expect(step.with?.["setup-command"]).toBeUndefined();
  });

  it("puts every exercise's feedback on the run's page, whatever the grading steps did", async () => {
    const summary = steps.find((s) => s.run?.includes("$GITHUB_STEP_SUMMARY"));
    expect(summary?.if).toBe("always()");
    expect(steps.indexOf(summary as Step)).toBe(steps.indexOf(graders.at(-1) as Step) + 1);
    // As GitHub would: a learner's checkout, the first grading step's command, then the summary step's script.
    const checkout = copyWorkshop();
    try {
      const [first] = curriculum;
      const command = graders[0]?.with?.command as string;
      const graded = spawnSync("bash", ["-c", command], { cwd: checkout, encoding: "utf8", env: ciEnv(checkout) });
      expect(graded.status, graded.stderr).toBe(1); // the starter fails, and says why
      expect(graded.stdout).toMatch(/01-integers\s+✗ failed/);
      const page = join(checkout, "step-summary.md");
      writeFileSync(page, "what an earlier step wrote\n");
      const shown = spawnSync("bash", ["-c", summary?.run ?? ""], {
        cwd: checkout,
        encoding: "utf8",
        env: { ...ciEnv(checkout), GITHUB_STEP_SUMMARY: page },
      });
      expect(shown.status, shown.stderr).toBe(0);
      const text = readFileSync(page, "utf8");
      expect(text.startsWith("what an earlier step wrote\n### ✗ 01-integers: ")).toBe(true);
      expect(text).toContain(`next: run \`pnpm grade ${first?.number}\``);
      // The steps that did not run here leave no file: each says so, in curriculum order.
      const missing = [...text.matchAll(/^### (\S+)\n\nNo feedback: its grading step did not finish/gm)].map(
        (m) => m[1],
      );
      expect(missing).toEqual(curriculum.slice(1).map((e) => e.id));
    } finally {
      rmSync(checkout, { recursive: true, force: true });
    }
  });

  it("refuses points the command grader would truncate", () => {
    const [first] = curriculum;
    expect(() => classroomWorkflow([{ ...(first as Exercise), points: 2.5 }])).toThrow(/whole points, not 2.5/);
  });
});

describe("the class summary", () => {
  const { results, problems } = loadClassResults(fixture("class-results"));
  const columns = classColumns(curriculum, results);

  it("reads one result per learner, named by its file", () => {
    expect(results.map((r) => r.learner)).toEqual(["ada", "grace", "linus"]);
    expect(problems).toEqual([]);
  });

  it("prints learner x exercise: status, points and speedup, a total out of the curriculum's, passes per exercise", () => {
    const lines = formatClassTable(columns, results, false).split("\n");
    const row = (learner: string) => (lines.find((l) => l.startsWith(`${learner} `)) ?? "").split(/ {2,}/);
    expect(lines[0]?.split(/ +/)).toEqual(["learner", ...curriculum.map((e) => e.id.slice(0, 2)), "total"]);
    expect(row("ada")).toEqual([
      "ada",
      ..."✓ 5,✓ 5,✓ 5,✓ 5,✓ 10,✓ 10,✓ 10,✓ 15 1.84x,✓ 15 1.77x,✓ 15 1.71x".split(","),
      "95/95",
    ]);
    expect(row("grace")).toEqual(["grace", ..."✓ 5,✓ 5,✗ 0,⏱ 0,✗ 0,✓ 10,! 0,? 15 1.21x,✗ 0,✗ 0".split(","), "35/95"]);
    expect(row("linus")).toEqual(["linus", ..."✓ 5,✓ 5,✗ 0,·,·,·,·,·,·,·".split(","), "10/95"]);
    expect(row("passed")).toEqual(["passed", "3/3", "3/3", "1/3", "1/3", "1/3", "2/3", "1/3", "1/3", "1/3", "1/3"]);
    expect(lines.at(-1)).toMatch(/^✓ passed .* · not graded/);
  });

  it("colours the cells by verdict when asked to", () => {
    const table = formatClassTable(columns, results, true);
    expect(table).toContain("\u001b[32m✓ 15 1.84x\u001b[39m");
    expect(table).toContain("\u001b[33m? 15 1.21x\u001b[39m");
  });

  it("writes CSV with status and points per exercise, and the speedup where it is measured", () => {
    const [header, ...rows] = formatClassCsv(columns, results).split("\r\n");
    const fields = header?.split(",") ?? [];
    expect(fields.slice(0, 5)).toEqual(["learner", "score", "maxScore", "01-integers status", "01-integers points"]);
    expect(fields.filter((f) => f.endsWith(" speedup"))).toEqual([
      "08-pi-split speedup",
      "09-script-with-main speedup",
      "10-efficiency speedup",
    ]);
    const record = (line: string | undefined) => Object.fromEntries(fields.map((f, i) => [f, line?.split(",")[i]]));
    expect(record(rows[0])).toMatchObject({
      learner: "ada",
      score: "95",
      maxScore: "95",
      "08-pi-split speedup": "1.84",
    });
    expect(record(rows[1])).toMatchObject({
      "04-line-numbers status": "timed-out",
      "08-pi-split status": "inconclusive",
      "08-pi-split speedup": "1.21",
      "09-script-with-main speedup": "",
    });
    expect(record(rows[2])).toMatchObject({ "04-line-numbers status": "not graded", "04-line-numbers points": "" });
    expect(rows.at(-1), "the file ends with a line end").toBe("");
  });

  it("quotes what CSV must, keeps formulas out of spreadsheets, and skips files that are not results", () => {
    const folder = scratch();
    const ada = readFileSync(fixture("class-results/ada.json"), "utf8");
    writeFileSync(join(folder, "=HYPERLINK(1).json"), ada);
    writeFileSync(join(folder, 'o"brien, jr.json'), ada);
    writeFileSync(join(folder, "truncated.json"), ada.slice(0, 100));
    writeFileSync(join(folder, "other.json"), '{"version": 1, "exercises": []}');
    const loaded = loadClassResults(folder);
    expect(loaded.problems.map((p) => p.split(":")[0])).toEqual(["other.json", "truncated.json"]);
    const csv = formatClassCsv(classColumns(curriculum, loaded.results), loaded.results);
    expect(csv).toContain("\r\n'=HYPERLINK(1),95,");
    expect(csv).toContain('\r\n"o""brien, jr",95,');
    expect(() => loadClassResults(join(folder, "missing"))).toThrow(UsageError);
  });

  it("runs from the command line: the table on stdout, the CSV in a file", async () => {
    const csv = join(scratch(), "class.csv");
    const run = await runGrader(["summary", fixture("class-results"), "--csv", csv], {}, instructorBin);
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^learner +01 +02/);
    expect(run.stdout).toContain(`wrote ${csv}`);
    expect(readFileSync(csv, "utf8")).toBe(formatClassCsv(columns, results));
  });
});

describe("a submission, laid out like exercises/ for grading", () => {
  /** A submission folder with `files` (path -> content), copied into a fresh folder. */
  function setUp(files: Record<string, string>) {
    const root = scratch();
    const into = join(root, "tree");
    const submission = join(root, "submission");
    for (const [path, content] of Object.entries(files)) {
      mkdirSync(dirname(join(submission, path)), { recursive: true });
      writeFileSync(join(submission, path), content);
    }
    const copied = copySubmission(submission, curriculum, into);
    const read = (path: string) => readFileSync(join(into, path), "utf8");
    return { copied, read, into };
  }

  it("takes the learner's files and helpers from a whole repository, never its tests, settings nor solutions", () => {
    const { copied, read, into } = setUp({
      "workshop-main/exercises/03-fibonacci/fibonacci.ts": "learner's fibonacci",
      "workshop-main/exercises/03-fibonacci/helper.ts": "learner's helper",
      "workshop-main/03-fibonacci/fibonacci.ts": "a stray copy, shallower",
      "workshop-main/exercises/03-fibonacci/fibonacci.test.ts": "it('passes', () => {})",
      "workshop-main/exercises/03-fibonacci/my.test.ts": "it('passes too', () => {})",
      "workshop-main/exercises/tsconfig.json": "{}",
      "workshop-main/solutions/03-fibonacci/fibonacci.ts": "the solution",
      "workshop-main/solutions/04-line-numbers/line-numbers.ts": "the solution",
      "workshop-main/node_modules/x/01-integers/integers.ts": "a package's file",
    });
    expect(read("03-fibonacci/fibonacci.ts")).toBe("learner's fibonacci");
    expect(readdirSync(join(into, "03-fibonacci")).sort()).toEqual(["fibonacci.ts", "helper.ts"]);
    expect(readdirSync(into)).toEqual(["03-fibonacci"]);
    expect(copied.find((f) => f.name === "fibonacci.ts")?.from).toBe(
      "workshop-main/exercises/03-fibonacci/fibonacci.ts",
    );
    expect(copied.find((f) => f.name === "integers.ts" && f.exercise === "01-integers")?.from).toBeUndefined();
    expect(copied.find((f) => f.name === "line-numbers.ts")?.from, "a solution is no learner's work").toBeUndefined();
  });

  it("takes an exercises folder, and loose files whose name only one exercise uses", () => {
    const { copied, read } = setUp({
      "01-integers/integers.ts": "learner's integers",
      "fibonacci.ts": "loose fibonacci",
      "async-timer.ts": "loose, but 06's file and 09's given file share the name",
    });
    expect(read("01-integers/integers.ts")).toBe("learner's integers");
    expect(read("03-fibonacci/fibonacci.ts")).toBe("loose fibonacci");
    const missing = copied.filter((f) => !f.from).map((f) => `${f.exercise}/${f.name}`);
    expect(missing).toContain("08-pi-split/pi-split.ts");
    expect(missing).not.toContain("03-fibonacci/fibonacci.ts");
    expect(missing).not.toContain("06-async-timer/async-timer.ts");
  });
});

describe("--diff", () => {
  const script = findExercise(curriculum, "9");

  it("shows the learner's changes against the solution as a unified diff, file by file", () => {
    const diff = formatExerciseDiff(script, fixture("mistakes"), false);
    expect(diff).toMatch(
      /^--- solutions\/09-script-with-main\/async-pi\.ts\tsolution\n\+\+\+ .*async-pi\.ts\tlearner\n@@/,
    );
    expect(diff).toContain(
      "\n-  await using pool: PiPool = await createPiPool();\n+  const pool: PiPool = await createPiPool();\n",
    );
    expect(diff).toContain("09-script-with-main/calc-pi.ts: the same as the solution");
    expect(diff).not.toContain("\u001b[");
  });

  it("colours it for a terminal", () => {
    const diff = formatExerciseDiff(script, fixture("mistakes"), true);
    expect(diff).toContain("\u001b[32m+  const pool: PiPool = await createPiPool();\u001b[39m");
    expect(diff).toContain("\u001b[31m-  await using pool: PiPool = await createPiPool();\u001b[39m");
  });
});
