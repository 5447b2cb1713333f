// Grading a class: the GitHub Classroom workflow (current, valid, matching the metadata), the class summary
// on fixture results, a Gradescope submission copied into the workshop, and --diff against the solution.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import type { TopLevelSpec } from "@workshop/core/plot";
import { renderSvg } from "@workshop/core/plot";
import { parseHTML } from "linkedom";
import { beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { classHtml, speedupChartSpec } from "../../src/classroom/class-html.ts";
import { buildClassReport } from "../../src/classroom/class-report.ts";
import { loadClassResults } from "../../src/classroom/class-results.ts";
import { lateBy, parseDue } from "../../src/classroom/due-date.ts";
import type { LearnerResult } from "../../src/classroom/learner-result.ts";
import { copySubmission } from "../../src/classroom/submission.ts";
import { formatClassCsv, formatClassSummary, formatClassTable } from "../../src/classroom/summary.ts";
import { classroomWorkflow, classroomWorkflowFile, GRADER_CHECKOUT, pinnedPnpm } from "../../src/classroom/workflow.ts";
import { formatExerciseDiff } from "../../src/commands/diff.ts";
import { type Exercise, findExercise, loadCurriculum } from "../../src/curriculum/load-curriculum.ts";
import { UsageError } from "../../src/errors.ts";
import { workshop } from "../../src/paths.ts";
import { toGradescope } from "../../src/report/gradescope.ts";
import type { GradeReport } from "../../src/result.ts";
import { fixture, instructorBin, runGrader } from "../run-grader.ts";
import { copyWorkshop } from "../support/workshop-copy.ts";

const curriculum = loadCurriculum(workshop.exercises);
/** An element of a page parsed by linkedom (the grader's TypeScript has no DOM library of its own). */
type Element = NonNullable<ReturnType<ReturnType<typeof parseHTML>["document"]["querySelector"]>>;
const scratch = () => mkdtempSync(join(tmpdir(), "grader-classroom-"));

/** What the command grader gives a command: PATH and HOME (its own list), here with colours off. */
const ciEnv = (home: string) => ({ PATH: process.env.PATH ?? "", HOME: home, NO_COLOR: "1" });

interface Step {
  name?: string;
  if?: string;
  id?: string;
  uses?: string;
  run?: string;
  with?: Record<string, string | number | boolean>;
  env?: Record<string, string>;
}

describe("the GitHub Classroom workflow", () => {
  const committed = readFileSync(classroomWorkflowFile, "utf8");
  const workflow = parse(committed) as { on: string[]; jobs: Record<string, { steps: Step[] }> };
  const fetchSteps = workflow.jobs["fetch-grader"]?.steps ?? [];
  const steps = workflow.jobs.grade?.steps ?? [];
  const reportSteps = workflow.jobs.report?.steps ?? [];
  const graders = steps.filter((s) => s.uses?.startsWith("classroom-resources/autograding-command-grader@"));

  it("is current: the committed file is what the exercise metadata generates", () => {
    expect(
      committed === classroomWorkflow(curriculum),
      "run `pnpm instructor generate` and commit .github/workflows/classroom.yml",
    ).toBe(true);
  });

  it("grades each exercise with the template's grader and tests, worth its points, within a time limit", () => {
    expect(graders.map((s) => s.with?.["test-name"])).toEqual(curriculum.map((e) => e.id));
    for (const [index, exercise] of curriculum.entries()) {
      const step = graders[index];
      expect(step?.with?.command).toBe(
        `node ${GRADER_CHECKOUT}/grader/bin/grade.js ${exercise.id} --target exercises --reporter markdown --out .workshop/feedback/${exercise.id}.md`,
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
    // Each step's result leaves the grading job as a file named by its id, and comes back as the output of the
    // reporting job's step that reads them, which only takes one line of base64 each.
    const kept = steps.find((s) => s.name === "Keep each exercise's result");
    for (const id of ids) expect(Object.values(kept?.env ?? {})).toContain(`\${{ steps.${id}.outputs.result }}`);
    const read = reportSteps.find((s) => s.id === "results");
    expect(read?.run).toContain(`for id in ${ids.join(" ")}; do`);
    expect(read?.run).toContain("grep -Eqx '[A-Za-z0-9+/=]+'");
    const reporter = reportSteps.at(-1);
    expect(reporter?.uses).toBe("classroom-resources/autograding-grading-reporter@v1");
    expect(reporter?.with?.runners).toBe(ids.join(","));
    expect(reporter?.env).toEqual(
      Object.fromEntries(ids.map((id) => [`${id.toUpperCase()}_RESULTS`, `\${{steps.results.outputs.${id}}}`])),
    );
  });

  it("installs before grading, with the pnpm package.json pins, so no grading step needs the network", () => {
    const install = steps.findIndex((s) =>
      s.run?.includes(`pnpm --dir "$GITHUB_WORKSPACE/${GRADER_CHECKOUT}" install --frozen-lockfile`),
    );
    expect(install).toBeGreaterThan(-1);
    expect(install).toBeLessThan(steps.indexOf(graders[0] as Step));
    expect(steps[install]?.run).toContain(`npm install -g pnpm@${pinnedPnpm()}`);
    for (const step of graders) expect(step.with?.["setup-command"]).toBeUndefined();
  });

  it("checks the template out, at the course's ref, without keeping credentials, and hands it to the grading", () => {
    const template = fetchSteps.find((s) => s.with?.path === GRADER_CHECKOUT);
    expect(template?.uses).toBe("actions/checkout@v4");
    expect(template?.with?.repository).toBe("${{ steps.template.outputs.repository }}");
    expect(template?.with?.["persist-credentials"]).toBe(false);
    const pinned = parse(
      classroomWorkflow(curriculum, "10.0.0", { template: "course/workshop", ref: "grading-v1" }),
    ) as {
      jobs: Record<string, { steps: Step[] }>;
    };
    const pinnedSteps = pinned.jobs["fetch-grader"]?.steps ?? [];
    expect(pinnedSteps.find((s) => s.with?.path === GRADER_CHECKOUT)?.with?.ref).toBe("grading-v1");
    expect(pinnedSteps.find((s) => s.id === "template")?.env?.TEMPLATE).toBe("course/workshop");
    // Packed as one file, handed over, and unpacked where the learner's repository had nothing left.
    expect(fetchSteps.map((s) => s.run ?? s.uses)).toContain(`tar -cf grader.tar -C ${GRADER_CHECKOUT} .`);
    expect(fetchSteps.at(-1)?.with).toMatchObject({ name: "workshop-grader", path: "grader.tar" });
    const received = steps.find((s) => s.uses === "actions/download-artifact@v4");
    expect(received?.with?.name).toBe("workshop-grader");
    expect(steps[steps.indexOf(received as Step) + 1]?.run).toMatch(
      new RegExp(`^rm -rf ${GRADER_CHECKOUT} && mkdir ${GRADER_CHECKOUT} && tar -xf`),
    );
  });

  it("names the files that decide the grading before it grades", () => {
    const named = steps.findIndex((s) => s.run?.includes("instructor.js protected-changes ."));
    expect(named).toBeGreaterThan(-1);
    expect(named).toBeLessThan(steps.indexOf(graders[0] as Step));
  });

  it("puts every exercise's feedback on the run's page, whatever the grading steps did", async () => {
    const summary = steps.find((s) => s.run?.includes("$GITHUB_STEP_SUMMARY"));
    expect(summary?.if).toBe("always()");
    expect(steps.indexOf(summary as Step)).toBe(steps.indexOf(graders.at(-1) as Step) + 1);
    // As GitHub would: a learner's checkout, the first grading step's command, then the summary step's script.
    const checkout = copyWorkshop();
    // The template's checkout beside the learner's code: here the same workshop.
    symlinkSync(checkout, join(checkout, GRADER_CHECKOUT));
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
  const loaded = loadClassResults(fixture("class-results"));
  const report = buildClassReport(curriculum, loaded);

  it("reads one result per learner, named by its file", () => {
    expect(loaded.results.map((r) => r.learner)).toEqual(["ada", "grace", "linus"]);
    expect(loaded.problems).toEqual([]);
  });

  it("prints learner x exercise: status, points and speedup, a total out of the curriculum's, passes per exercise", () => {
    const lines = formatClassTable(report, false).split("\n");
    const row = (learner: string) => (lines.find((l) => l.startsWith(`${learner} `)) ?? "").split(/ {2,}/);
    expect(lines[0]?.split(/ +/)).toEqual(["learner", ...curriculum.map((e) => e.id.slice(0, 2)), "total"]);
    expect(row("ada")).toEqual([
      "ada",
      ..."✓ 5,✓ 5,✓ 5,✓ 5,✓ 10,✓ 10,✓ 10,✓ 15 1.84x,✓ 15 1.77x,✓ 15 1.71x".split(","),
      "95/95",
    ]);
    expect(row("grace")).toEqual(["grace", ..."✓ 5,✓ 5,✗ 0,◷ 0,✗ 0,✓ 10,! 0,? 15 1.21x,✗ 0,✗ 0".split(","), "35/95"]);
    expect(row("linus")).toEqual(["linus", ..."✓ 5,✓ 5,✗ 0,·,·,·,·,·,·,·".split(","), "10/95"]);
    expect(row("passed")).toEqual(["passed", "3/3", "3/3", "1/3", "1/3", "1/3", "2/3", "1/3", "1/3", "1/3", "1/3"]);
  });

  it("says what each learner needs: the reason of every cell not passed, and what to regrade", () => {
    const summary = formatClassSummary(report, false);
    expect(summary).toContain(
      [
        "grace: 35/95 · graded 2026-11-30 14:02 UTC (graded, grader 0.0.0, 2 cores, load 0.3→0.9)",
        "  03-fibonacci test failed",
        "  04-line-numbers timed out",
        "  05-gather-counters unhandled error",
        "  07-pi-in-a-thread crashed",
        "  08-pi-split inconclusive (grade again)",
        "  09-script-with-main kernel on main thread",
        "  10-efficiency syntax error",
      ].join("\n"),
    );
    expect(summary).toContain("ada: 95/95");
    expect(summary).toContain("  every exercise passed");
    expect(summary).toMatch(/to regrade .*:\n {2}grace 08-pi-split\n {2}pnpm instructor batch .* --inconclusive-only/);
    expect(report.toRegrade).toEqual([{ learner: "grace", exercise: "08-pi-split" }]);
  });

  it("colours the cells by verdict when asked to", () => {
    const table = formatClassTable(report, true);
    expect(table).toContain("\u001b[32m✓ 15 1.84x\u001b[39m");
    expect(table).toContain("\u001b[33m? 15 1.21x\u001b[39m");
  });

  it("gives pass rates and the measured speedups of each exercise, for the charts", () => {
    const pi = report.exercises.find((e) => e.id === "08-pi-split");
    expect(pi).toMatchObject({ graded: 2, passed: 1, passRate: 1 / 3, speedup: true });
    expect(pi?.speedups).toEqual([
      { learner: "ada", measured: 1.84, required: 1.4, verdict: "passed" },
      { learner: "grace", measured: 1.21, required: 1.4, verdict: "inconclusive" },
    ]);
    expect(report.learners.find((l) => l.learner === "grace")?.feedback.map((f) => f.label)).toEqual([
      "test failed",
      "timed out",
      "unhandled error",
      "crashed",
      "inconclusive",
      "kernel on main thread",
      "syntax error",
    ]);
  });

  it("marks late submissions against a due date, by the best time known", () => {
    const late = buildClassReport(curriculum, loaded, parseDue("2026-11-30T13:00:00Z"));
    const grace = late.learners.find((l) => l.learner === "grace");
    expect(grace?.timeliness).toMatchObject({ status: "late", by: "1 h 3 min", source: "graded" });
    expect(formatClassTable(late, false).split("\n")[2]).toMatch(/late 1 h 3 min$/);
    expect(lateBy("2025-05-02T10:00:00+02:00", "2025-05-01T21:59:00.000Z")).toBe("10 h 1 min");
    expect(lateBy("2025-05-01T10:00:00Z", "2025-05-01T21:59:00.000Z")).toBeUndefined();
    expect(() => parseDue("2025-05-01")).toThrow(/its zone/);
    expect(() => parseDue("2025-05-01T23:59")).toThrow(/its zone/);
    expect(parseDue("2025-05-01T23:59:00+02:00")).toBe("2025-05-01T21:59:00.000Z");
  });

  it("writes CSV with status, reason and points per exercise, and the speedup where it is measured", () => {
    const [header, ...rows] = formatClassCsv(report).split("\r\n");
    const fields = header?.split(",") ?? [];
    expect(fields.slice(0, 10)).toEqual([
      "learner",
      "score",
      "maxScore",
      "submittedAt",
      "submittedAtSource",
      "late",
      "gradings",
      "01-integers status",
      "01-integers reason",
      "01-integers points",
    ]);
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
      "04-line-numbers reason": "timed out",
      "08-pi-split status": "inconclusive",
      "08-pi-split reason": "inconclusive",
      "08-pi-split speedup": "1.21",
      "09-script-with-main reason": "kernel on main thread",
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
    writeFileSync(join(folder, "someone-elses.json"), '{"score": 3, "tests": [{"score": 3, "name": "t"}]}');
    writeFileSync(
      join(folder, "broken.json"),
      '{"score": 0, "output": "The autograder could not grade it.", "tests": []}',
    );
    const again = loadClassResults(folder);
    expect(again.problems.map((p) => p.split(":")[0])).toEqual(["other.json", "someone-elses.json", "truncated.json"]);
    expect(again.notGraded).toEqual([
      { name: "broken", problem: "broken: Gradescope could not grade it: The autograder could not grade it." },
    ]);
    const csv = formatClassCsv(buildClassReport(curriculum, again));
    expect(csv).toContain("\r\n'=HYPERLINK(1),95,");
    expect(csv).toContain('\r\n"o""brien, jr",95,');
    expect(() => loadClassResults(join(folder, "missing"))).toThrow(UsageError);
  });

  it("reads Gradescope's results.json as the grader's own JSON", () => {
    const grace = JSON.parse(readFileSync(fixture("class-results/grace.json"), "utf8")) as GradeReport;
    const folder = scratch();
    const settings = { visibility: "visible", hiddenTestVisibility: "hidden" } as const;
    writeFileSync(join(folder, "grace.json"), JSON.stringify(toGradescope(grace, 1000, settings)));
    const fromGradescope = buildClassReport(curriculum, loadClassResults(folder));
    const own = report.learners.find((l) => l.learner === "grace");
    expect(fromGradescope.learners[0]?.cells).toEqual(own?.cells);
    expect(fromGradescope.learners[0]?.provenance).toEqual(own?.provenance);
    expect(fromGradescope.learners[0]?.format).toBe("gradescope");
  });

  it("runs from the command line: the summary on stdout, the CSV and HTML in files, exit 1 while inconclusive", async () => {
    const csv = join(scratch(), "class.csv");
    const run = await runGrader(["summary", fixture("class-results"), "--csv", csv], {}, instructorBin);
    expect(run.exitCode, "grace's 08 is inconclusive").toBe(1);
    expect(run.stderr).toContain("not final: 1 inconclusive to regrade");
    expect(run.stdout).toMatch(/^learner +01 +02/);
    expect(run.stdout).toContain(`wrote ${csv}`);
    expect(readFileSync(csv, "utf8")).toBe(formatClassCsv(report));
  });
});

describe("the HTML class report", () => {
  const report = buildClassReport(curriculum, loadClassResults(fixture("class-results")), "2026-11-30T13:00:00.000Z");
  let html = "";
  beforeAll(async () => {
    const spec = speedupChartSpec(report);
    expect(spec).toBeDefined();
    html = classHtml(report, await renderSvg(spec as TopLevelSpec), "2026-07-08T12:00:00.000Z");
  });
  const page = () => parseHTML(html).document;
  const texts = (elements: Iterable<Element>) => [...elements].map((element) => element.textContent);

  it("is one self-contained page: inline styles, no script, nothing fetched", () => {
    const document = page();
    expect(document.querySelectorAll("script, link, img, iframe, object, embed")).toHaveLength(0);
    expect(document.querySelectorAll("style")).toHaveLength(1);
    for (const element of document.querySelectorAll("[src], [href]")) {
      expect(element.getAttribute("href") ?? element.getAttribute("src")).toMatch(/^#/);
    }
    expect(html).not.toMatch(/url\(|@import/);
  });

  it("has the learner x exercise table, a reason in every cell, and pass rates per exercise", () => {
    const document = page();
    const rows = [...document.querySelectorAll("table.class-table tbody tr")];
    expect(rows.map((row) => row.getAttribute("data-learner"))).toEqual(["ada", "grace", "linus"]);
    const grace = rows[1] as Element;
    const cells = [...grace.querySelectorAll("td.cell")];
    expect(cells.map((cell) => cell.getAttribute("data-reason"))).toEqual([
      "passed",
      "passed",
      "test-failed",
      "timed-out",
      "escaped-error",
      "passed",
      "crashed",
      "inconclusive",
      "speedup-failed",
      "syntax-error",
    ]);
    expect(cells[8]?.textContent).toContain("kernel on main thread");
    expect(grace.querySelector("td.due")?.textContent).toBe("late by 1 h 3 min");
    const rates = [...document.querySelectorAll("tfoot td[data-pass-rate]")].map((td) =>
      td.getAttribute("data-pass-rate"),
    );
    expect(rates).toEqual(["1.000", "1.000", "0.333", "0.333", "0.333", "0.667", "0.333", "0.333", "0.333", "0.333"]);
  });

  it("shows the distribution of measured speedups as an inline SVG, and what to regrade", () => {
    const document = page();
    const svg = document.querySelector("#speedups svg");
    expect(svg).not.toBeNull();
    // One dot per measured speedup (ada's three and grace's 08), and a bar per exercise measured.
    expect(svg?.querySelectorAll("path[aria-roledescription='point']")).toHaveLength(4);
    expect(svg?.querySelectorAll("path[aria-roledescription='tick']")).toHaveLength(3);
    expect(texts(document.querySelectorAll("#to-regrade li"))).toEqual(["grace: 08-pi-split"]);
  });

  it("has a feedback section per learner, with where the result came from and each reason and message", () => {
    const articles = [...page().querySelectorAll("#feedback article")];
    expect(articles.map((a) => a.id)).toEqual(["learner-ada", "learner-grace", "learner-linus"]);
    const grace = articles[1] as Element;
    expect([...grace.querySelectorAll("li")].map((li) => li.getAttribute("data-exercise"))).toEqual([
      "03-fibonacci",
      "04-line-numbers",
      "05-gather-counters",
      "07-pi-in-a-thread",
      "08-pi-split",
      "09-script-with-main",
      "10-efficiency",
    ]);
    expect(grace.textContent).toMatch(/graded2026-11-30T14:02:11.000Z \(graded\) by grader 0.0.0, 2 cores/);
  });

  it("escapes what it shows from a result", () => {
    const loaded = loadClassResults(fixture("class-results"));
    const [first] = loaded.results;
    const hostile = { ...loaded, results: [{ ...(first as LearnerResult), learner: "<img src=x onerror=alert(1)>" }] };
    const page = classHtml(buildClassReport(curriculum, hostile), undefined, "now");
    expect(page).not.toContain("<img");
    expect(page).toContain("&lt;img src=x onerror=alert(1)&gt;");
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
