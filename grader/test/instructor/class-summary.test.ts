// The class summary on fixture results (grader/test/fixtures/class-results): the table out of what each learner
// was graded on, pass rates that count an inconclusive speedup as what it is, the instructor's wording, the
// course's time zone, the CSV and JSON, Gradescope's results read back, and result files that are not results
// (a hostile one among them) named and skipped before any of their text is shown anywhere.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse as parseCsv } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { formatClassCsv } from "../../src/classroom/class-csv.ts";
import { classHtml } from "../../src/classroom/class-html.ts";
import { buildClassReport } from "../../src/classroom/class-report.ts";
import { loadClassResults } from "../../src/classroom/class-results.ts";
import { formatTime } from "../../src/classroom/course-time.ts";
import { lateBy, parseDue } from "../../src/classroom/due-date.ts";
import { formatClassSummary, formatClassTable } from "../../src/classroom/summary.ts";
import { loadCurriculum } from "../../src/curriculum/load-curriculum.ts";
import { UsageError } from "../../src/errors.ts";
import { workshop } from "../../src/paths.ts";
import { toGradescope } from "../../src/report/gradescope.ts";
import type { GradeReport } from "../../src/result.ts";
import { fixture, instructorBin, runGrader } from "../run-grader.ts";

const curriculum = loadCurriculum(workshop.exercises);
const scratch = () => mkdtempSync(join(tmpdir(), "grader-class-summary-"));
const UTC = { timeZone: "UTC" };
const loaded = loadClassResults(fixture("class-results"));
const report = buildClassReport(curriculum, loaded, UTC);
const fixtureResult = (learner: string) =>
  JSON.parse(readFileSync(fixture(`class-results/${learner}.json`), "utf8")) as GradeReport;
/** The CSV as records, by a real CSV parser: what a spreadsheet reads. */
const csvRecords = (csv: string) => parseCsv(csv, { columns: true }) as Record<string, string>[];

describe("the class summary", () => {
  it("reads one result per learner, named by its file", () => {
    expect(loaded.results.map((r) => r.learner)).toEqual(["ada", "grace", "linus"]);
    expect(loaded.problems).toEqual([]);
  });

  it("has a column per exercise some result graded, and sums each learner out of what their result graded", () => {
    const graded = fixtureResult("ada").exercises.map((e) => e.id);
    expect(report.exercises.map((e) => e.id)).toEqual(graded);
    const lines = formatClassTable(report, false).split("\n");
    const row = (learner: string) => (lines.find((l) => l.startsWith(`${learner} `)) ?? "").split(/ {2,}/);
    expect(lines[0]?.split(/ +/)).toEqual(["learner", ...graded.map((id) => id.slice(0, 2)), "total"]);
    expect(row("ada")).toEqual([
      "ada",
      ..."✓ 5,✓ 5,✓ 5,✓ 5,✓ 10,✓ 10,✓ 10,✓ 15 1.84x,✓ 15 1.77x,✓ 15 1.71x".split(","),
      "95/95",
    ]);
    expect(row("grace")).toEqual(["grace", ..."✓ 5,✓ 5,✗ 0,◷ 0,✗ 0,✓ 10,! 0,? 15 1.21x,✗ 0,✗ 0".split(","), "35/95"]);
    // linus's result graded 01-03 only (`pnpm grade 1 2 3 --json`): 10 of those 15 points, the rest not graded.
    expect(row("linus")).toEqual(["linus", ..."✓ 5,✓ 5,✗ 0,·,·,·,·,·,·,·".split(","), "10/15"]);
    expect(report.maxScore, "the learners were not all graded on the same exercises").toBeUndefined();
  });

  it("counts passes out of the learners graded, an inconclusive speedup (its tests passed) apart from a failure", () => {
    const lines = formatClassTable(report, false).split("\n");
    const passed = (lines.find((l) => l.startsWith("passed ")) ?? "").split(/ {2,}/);
    expect(passed).toEqual(["passed", "3/3", "3/3", "1/3", "1/2", "1/2", "2/2", "1/2", "2/2 (1?)", "1/2", "1/2"]);
    const pi = report.exercises.find((e) => e.id === "08-pi-split");
    expect(pi).toMatchObject({ graded: 2, passed: 1, inconclusive: 1, passRate: 1, speedup: true });
    expect(pi?.speedups).toEqual([
      { learner: "ada", measured: 1.84, required: 1.4, verdict: "passed" },
      { learner: "grace", measured: 1.21, required: 1.4, verdict: "inconclusive" },
    ]);
  });

  it("puts each exercise's title in view, and says how totals and passes are counted", () => {
    const summary = formatClassSummary(report, false);
    for (const exercise of report.exercises) {
      expect(summary).toContain(`${exercise.id.slice(0, 2)}  ${exercise.title} (${exercise.maxPoints} points)`);
    }
    expect(summary).toContain("each total is out of the exercises that learner's result graded");
  });

  it("says what each verdict means to the instructor, and keeps the learner's message apart", () => {
    const summary = formatClassSummary(report, false);
    expect(summary).toContain(
      [
        "grace: 35/95 · graded 2026-11-30 14:02 UTC (graded, grader 0.0.0, 2 cores, load 0.3→0.9)",
        "  03-fibonacci test failed: 4 of 5 tests pass.",
        "  04-line-numbers timed out: Still running at the time limit, and stopped; by then 2 of 8 tests had passed: usually an endless loop or a promise that never settles.",
      ].join("\n"),
    );
    expect(summary).toMatch(
      /\n {2}08-pi-split inconclusive: The tests pass and the split is parallel; the grading machine was too busy to time the speedup \(measured 1\.21x, 1\.40x required on 2 cores\)\. Nothing is wrong with the code: regrade it on a quieter machine\. Under this course's policy it keeps its points meanwhile\./,
    );
    expect(summary).toContain("  09-script-with-main kernel on main thread: The tests pass; the speedup check failed");
    expect(summary).toContain("ada: 95/95");
    expect(summary).toContain("  every exercise passed");
    expect(summary).toContain("linus: 10/15");
    expect(summary).toContain("  not graded (not asked of this result): 04 05 06 07 08 09 10");
    expect(summary).toMatch(/to regrade .*:\n {2}grace 08-pi-split\n {2}pnpm instructor batch .* --inconclusive-only/);
    // What the learner was told is theirs: no "close other programs" for the instructor in the summary.
    expect(summary).not.toMatch(/close other programs|pnpm grade hint/i);
    const grace = report.learners.find((l) => l.learner === "grace");
    expect(grace?.feedback.find((f) => f.exercise === "03-fibonacci")?.message).toBe(
      fixtureResult("grace").exercises.find((e) => e.id === "03-fibonacci")?.message,
    );
  });

  it("colours the cells by verdict when asked to", () => {
    const table = formatClassTable(report, true);
    expect(table).toContain("\u001b[32m✓ 15 1.84x\u001b[39m");
    expect(table).toContain("\u001b[33m? 15 1.21x\u001b[39m");
  });

  it("shows every time in the course's zone, and says which", () => {
    const brussels = buildClassReport(curriculum, loaded, { timeZone: "Europe/Brussels" });
    expect(formatClassSummary(brussels, false)).toContain("grace: 35/95 · graded 2026-11-30 15:02 Europe/Brussels");
    expect(formatTime("2025-05-01T21:59:00.000Z", "Europe/Brussels")).toBe("2025-05-01 23:59 Europe/Brussels");
    expect(formatTime("2025-05-01T21:59:00.000Z", "America/New_York")).toBe("2025-05-01 17:59 America/New_York");
  });

  it("marks late submissions against a due date, by the best time known", () => {
    const late = buildClassReport(curriculum, loaded, { ...UTC, due: parseDue("2026-11-30T13:00:00Z") });
    const grace = late.learners.find((l) => l.learner === "grace");
    expect(grace?.timeliness).toMatchObject({ status: "late", by: "1 h 3 min", source: "graded" });
    expect(formatClassTable(late, false).split("\n")[2]).toMatch(/late 1 h 3 min$/);
    expect(formatClassSummary(late, false)).toContain("due 2026-11-30 13:00 UTC;");
    expect(lateBy("2025-05-02T10:00:00+02:00", "2025-05-01T21:59:00.000Z")).toBe("10 h 1 min");
    expect(lateBy("2025-05-01T10:00:00Z", "2025-05-01T21:59:00.000Z")).toBeUndefined();
    expect(() => parseDue("2025-05-01")).toThrow(/its zone/);
    expect(() => parseDue("2025-05-01T23:59")).toThrow(/its zone/);
    expect(parseDue("2025-05-01T23:59:00+02:00")).toBe("2025-05-01T21:59:00.000Z");
  });

  it("writes CSV with status, reason and points per exercise, and the speedup where it is measured", () => {
    const records = csvRecords(formatClassCsv(report));
    expect(Object.keys(records[0] ?? {}).slice(0, 12)).toEqual([
      "learner",
      "score",
      "maxScore",
      "submittedAt",
      "submittedAtSource",
      "late",
      "gradings",
      "similar code",
      "handed in, not graded",
      "01-integers status",
      "01-integers reason",
      "01-integers points",
    ]);
    expect(Object.keys(records[0] ?? {}).filter((f) => f.endsWith(" speedup"))).toEqual([
      "08-pi-split speedup",
      "09-script-with-main speedup",
      "10-efficiency speedup",
    ]);
    expect(records[0]).toMatchObject({ learner: "ada", score: "95", maxScore: "95", "08-pi-split speedup": "1.84" });
    expect(records[1]).toMatchObject({
      "04-line-numbers status": "timed-out",
      "04-line-numbers reason": "timed out",
      "08-pi-split status": "inconclusive",
      "08-pi-split speedup": "1.21",
      "09-script-with-main reason": "kernel on main thread",
      "09-script-with-main speedup": "",
    });
    expect(records[2]).toMatchObject({
      learner: "linus",
      maxScore: "15",
      "04-line-numbers status": "not graded",
      "04-line-numbers points": "",
    });
    expect(formatClassCsv(report).endsWith("\r\n"), "the file ends with a line end").toBe(true);
  });

  it("reads Gradescope's results.json as the grader's own JSON", () => {
    const folder = scratch();
    const settings = { visibility: "visible", hiddenTestVisibility: "hidden" } as const;
    writeFileSync(join(folder, "grace.json"), JSON.stringify(toGradescope(fixtureResult("grace"), 1000, settings)));
    const fromGradescope = buildClassReport(curriculum, loadClassResults(folder), UTC);
    const own = report.learners.find((l) => l.learner === "grace");
    expect(fromGradescope.learners[0]?.cells).toEqual(own?.cells);
    expect(fromGradescope.learners[0]?.provenance).toEqual(own?.provenance);
    expect(fromGradescope.learners[0]?.format).toBe("gradescope");
  });

  it("runs from the command line: the summary on stdout, CSV, JSON and HTML in files, exit 1 while inconclusive", async () => {
    const folder = scratch();
    const [csv, json, html] = ["class.csv", "class.json", "class.html"].map((name) => join(folder, name));
    const run = await runGrader(
      ["summary", fixture("class-results"), "--csv", csv, "--json", json, "--html", html, "--time-zone", "UTC"],
      {},
      instructorBin,
    );
    expect(run.exitCode, "grace's 08 is inconclusive").toBe(1);
    expect(run.stderr).toContain("not final: 1 inconclusive to regrade");
    expect(run.stdout).toMatch(/^learner +01 +02/);
    for (const file of [csv, json, html]) expect(run.stdout).toContain(`wrote ${file}`);
    const written = JSON.parse(readFileSync(json, "utf8"));
    expect(written.learners.map((l: { learner: string }) => l.learner)).toEqual(["ada", "grace", "linus"]);
    expect(written.similarity.matches.map((m: { left: string; right: string }) => `${m.left} ~ ${m.right}`)).toEqual([
      "ada ~ reference solution",
      "grace ~ linus",
    ]);
    const { kind, ...rest } = written;
    expect(kind).toBe("class-report");
    expect(formatClassCsv(rest)).toBe(readFileSync(csv, "utf8"));
    // Written into the results folder, as the recipe does, the report is read back as no learner's result.
    writeFileSync(join(folder, "ada.json"), readFileSync(fixture("class-results/ada.json")));
    const again = loadClassResults(folder);
    expect(again.results.map((r) => r.learner)).toEqual(["ada"]);
    expect(again.problems).toEqual([]);
  });
});

describe("--exercises 1,2,3: an assignment of three exercises", () => {
  // Every learner's result graded 01-03 only, as `pnpm instructor batch --exercises 1,2,3` writes them.
  const folder = scratch();
  for (const learner of ["ada", "grace"]) {
    const result = fixtureResult(learner);
    result.exercises = result.exercises.filter((e) => e.number <= 3);
    writeFileSync(join(folder, `${learner}.json`), JSON.stringify(result));
  }
  const three = buildClassReport(curriculum, loadClassResults(folder), UTC);

  it("is summed out of those three everywhere: the table, the summary, the CSV, the HTML", () => {
    expect(three.exercises.map((e) => e.id)).toEqual(curriculum.slice(0, 3).map((e) => e.id));
    const points = curriculum.slice(0, 3).reduce((sum, e) => sum + e.points, 0);
    expect(three.maxScore).toBe(points);
    expect(three.learners.map((l) => `${l.learner} ${l.score}/${l.maxScore}`)).toEqual([
      `ada ${points}/${points}`,
      `grace 10/${points}`,
    ]);
    const summary = formatClassSummary(three, false);
    expect(summary).toContain(`ada: ${points}/${points}`);
    expect(summary).not.toMatch(/\/95|not graded \(not asked/);
    expect(csvRecords(formatClassCsv(three)).map((r) => r.maxScore)).toEqual([String(points), String(points)]);
    const html = classHtml(three, undefined, "2026-07-08T12:00:00.000Z");
    expect(html).toContain(`2 learners · ${points} points`);
    expect(html.match(/data-pass-rate/g)).toHaveLength(3);
  });
});

describe("result files that are not results", () => {
  /** A result whose fields a learner (or anyone with the folder) filled with markup, escapes and formulas. */
  function hostileResult(): unknown {
    const result = fixtureResult("ada") as unknown as Record<string, unknown> & { exercises: object[] };
    result.exercises[0] = { ...result.exercises[0], status: "<img src=x onerror=alert(1)>" };
    result.exercises[1] = { ...result.exercises[1], points: "<script>alert(2)</script>" };
    result.summary = { ...(result.summary as object), score: '=HYPERLINK("http://evil")' };
    return result;
  }

  it("are named and skipped, so that none of their text reaches the HTML, the CSV or the terminal", async () => {
    const folder = scratch();
    const ada = readFileSync(fixture("class-results/ada.json"), "utf8");
    writeFileSync(join(folder, "ada.json"), ada);
    writeFileSync(join(folder, "mallory.json"), JSON.stringify(hostileResult()));
    const title = { ...JSON.parse(ada), target: "x" };
    title.exercises[2].title = "Fibonacci\u001b[2J\u001b]0;owned\u0007";
    writeFileSync(join(folder, "\u001b[31meve.json"), JSON.stringify(title));
    writeFileSync(join(folder, "truncated.json"), ada.slice(0, 100));
    writeFileSync(join(folder, "other.json"), '{"version": 1, "exercises": []}');
    writeFileSync(join(folder, "someone-elses.json"), '{"score": 3, "tests": [{"score": 3, "name": "t"}]}');
    writeFileSync(
      join(folder, "broken.json"),
      '{"score": 0, "output": "The autograder could not grade it.", "tests": []}',
    );
    const again = loadClassResults(folder);
    expect(again.results.map((r) => r.learner)).toEqual(["\u001b[31meve", "ada"]);
    expect(again.problems.map((p) => p.split(":")[0])).toEqual([
      "mallory.json",
      "other.json",
      "someone-elses.json",
      "truncated.json",
    ]);
    expect(again.problems[0]).toMatch(
      /^mallory\.json: not a valid result, so none of it is shown: summary\.score: Invalid type: Expected number .*; exercises\.0\.status: Invalid type: Expected \("passed" \| .*; exercises\.1\.points: /,
    );
    expect(again.notGraded).toEqual([
      { name: "broken", problem: "broken: Gradescope could not grade it: The autograder could not grade it." },
    ]);
    const hostile = buildClassReport(curriculum, again, UTC);
    const html = classHtml(hostile, undefined, "now");
    // The problem quotes the file, and the page shows the quote as text.
    expect(html).not.toMatch(/<img|<script/);
    expect(html).toContain("received &quot;&lt;img src=x onerror=alert(1)&gt;&quot;");
    // The terminal shows escape sequences as what they are; it never sends them.
    const summary = formatClassSummary(hostile, false);
    expect(summary).not.toContain("\u001b");
    expect(summary).toContain("␛[31meve: 95/95");
    const csv = formatClassCsv(hostile);
    expect(csv).not.toMatch(/(^|,|\r\n)=HYPERLINK/);
    expect(csvRecords(csv).map((r) => r.learner)).toEqual(["\u001b[31meve", "ada"]);
    // Run from the command line, the file is named on stderr, with its name made visible too.
    const run = await runGrader(["summary", folder, "--time-zone", "UTC"], {}, instructorBin);
    expect(run.stderr).toMatch(/^skipped mallory\.json: not a valid result/m);
    expect(run.stdout + run.stderr).not.toContain("\u001b");
    expect(() => loadClassResults(join(folder, "missing"))).toThrow(UsageError);
  });

  it("keeps formulas out of spreadsheets in every cell, and quotes what CSV must", () => {
    const folder = scratch();
    const ada = readFileSync(fixture("class-results/ada.json"), "utf8");
    writeFileSync(join(folder, "=HYPERLINK(1).json"), ada);
    writeFileSync(join(folder, 'o"brien, jr.json'), ada);
    writeFileSync(join(folder, "@SUM(A1).json"), ada);
    const csv = formatClassCsv(buildClassReport(curriculum, loadClassResults(folder), UTC));
    expect(csv).toContain("\r\n'=HYPERLINK(1),95,");
    expect(csv).toContain("\r\n'@SUM(A1),95,");
    expect(csv).toContain('\r\n"o""brien, jr",95,');
    expect(
      csvRecords(csv)
        .map((r) => r.learner)
        .sort(),
    ).toEqual(["'=HYPERLINK(1)", "'@SUM(A1)", 'o"brien, jr']);
  });
});
