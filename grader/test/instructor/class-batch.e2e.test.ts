// Grading a class end to end: docs/instructors.md's recipe, run as written on the fixture class
// (grader/test/fixtures/class), with each learner's grade and the reason of every cell checked, the copying in it
// flagged in the HTML, the CSV and the JSON (and no honest learner); then the same submission graded the
// Gradescope way gives the same grade, and the summary reads Gradescope's results alike.
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse as parseCsv } from "csv-parse/sync";
import { parseHTML } from "linkedom";
import { beforeAll, describe, expect, it } from "vitest";
import type { BatchRecord } from "../../src/classroom/batch-record.ts";
import type { ClassReport } from "../../src/classroom/class-report.ts";
import { loadCurriculum } from "../../src/curriculum/load-curriculum.ts";
import { workshop } from "../../src/paths.ts";
import type { GradescopeResults } from "../../src/report/gradescope.ts";
import type { GradeReport, Reason } from "../../src/result.ts";
import { filesUnder } from "../../src/tree/files-under.ts";
import { fixture, type GraderRun, instructorBin, runGrader } from "../run-grader.ts";

const curriculum = loadCurriculum(workshop.exercises);
const TOTAL = curriculum.reduce((sum, exercise) => sum + exercise.points, 0);
const docs = readFileSync(new URL("../../../docs/instructors.md", import.meta.url), "utf8");

/** The recipe's commands, as docs/instructors.md gives them between its recipe markers. */
function recipe(): string[][] {
  const block = /<!-- recipe:start[^>]*-->\s*```sh\n([\s\S]*?)```\s*<!-- recipe:end -->/.exec(docs)?.[1];
  if (!block)
    throw new Error("docs/instructors.md has no recipe between <!-- recipe:start --> and <!-- recipe:end -->");
  return block
    .trim()
    .split("\n")
    .map((line) => line.trim().split(/\s+/));
}

/**
 * The machine the fixture class is graded on. One core (WORKSHOP_CORES, see machine.ts) makes every speedup
 * verdict deterministic: the structure of a split is still checked, on two threads, and the timing that a busy
 * machine could make inconclusive is skipped. ken's 08 is then made inconclusive once, in the grader's own process
 * (classroom/simulated-busy.ts), so that the batch's regrade has something to settle.
 */
const MACHINE = { WORKSHOP_CORES: "1", WORKSHOP_SIMULATE_BUSY: "ken:08-pi-split", TZ: "Europe/Brussels" };

/** Every learner's expected grade, and each exercise's reason; an exercise not named was not handed in. */
const EXPECTED: Record<string, { score: number; reasons: Partial<Record<string, Reason>> }> = {
  ada: {
    score: 5,
    reasons: { "01-integers": "passed", "02-even-numbers": "syntax-error", "03-fibonacci": "not-started" },
  },
  alan: { score: 10, reasons: { "01-integers": "passed", "03-fibonacci": "passed" } },
  barbara: { score: 10, reasons: { "01-integers": "passed", "03-fibonacci": "passed" } },
  edsger: { score: 25, reasons: { "01-integers": "passed", "03-fibonacci": "passed", "08-pi-split": "passed" } },
  grace: { score: 0, reasons: { "01-integers": "timed-out", "08-pi-split": "test-failed" } },
  ken: {
    score: 20,
    reasons: { "01-integers": "passed", "02-even-numbers": "crashed", "08-pi-split": "passed" },
  },
  linus: { score: 5, reasons: { "03-fibonacci": "passed", "04-line-numbers": "tampered-test" } },
  margaret: { score: 5, reasons: { "03-fibonacci": "passed", "04-line-numbers": "test-failed" } },
};

let instructor: string;
const runs: GraderRun[] = [];
const read = <T>(path: string) => JSON.parse(readFileSync(join(instructor, path), "utf8")) as T;

beforeAll(async () => {
  // The instructor's folder, with the class laid out in submissions/ as the recipe asks. The two clones become
  // git repositories, each of one commit whose date is the learner's: ada's before the due date, grace's after.
  instructor = realpathSync(mkdtempSync(join(tmpdir(), "grader-class-")));
  mkdirSync(join(instructor, "submissions"));
  cpSync(fixture("class"), join(instructor, "submissions"), { recursive: true });
  const commit = (folder: string, date: string) => {
    const git = (...args: string[]) =>
      execFileSync("git", args, {
        cwd: join(instructor, "submissions", folder),
        stdio: "ignore",
        env: { ...process.env, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date },
      });
    git("init", "-q");
    git("add", "-A");
    git("-c", "user.name=learner", "-c", "user.email=learner@example.com", "commit", "-q", "-m", "my work");
  };
  commit("ada", "2025-04-30T18:00:00+02:00");
  commit("edsger", "2025-04-30T20:00:00+02:00");
  commit("grace/async-workshop-grace", "2025-05-02T10:00:00+02:00");
  for (const [pnpm, command, ...args] of recipe()) {
    expect(`${pnpm} ${command}`, "the recipe calls the instructor's commands").toBe("pnpm instructor");
    runs.push(await runGrader(args, MACHINE, instructorBin, instructor));
  }
});

describe("the fixture class", () => {
  it("holds in its honest clones the tests the workshop ships: copy them again after changing a test", () => {
    // A learner's own test (ken's my-integers.test.ts) is theirs, not a copy.
    const copies = filesUnder(fixture("class")).filter((path) => {
      const [exercise = "", name = ""] = path.split("/").slice(-2);
      return curriculum.some((e) => e.id === exercise && e.files.test === name);
    });
    expect(copies.length).toBeGreaterThan(0);
    for (const path of copies) {
      const [exercise = "", name = ""] = path.split("/").slice(-2);
      expect(readFileSync(join(fixture("class"), path), "utf8"), path).toBe(
        readFileSync(join(workshop.exercises, exercise, name), "utf8"),
      );
    }
  });
});

describe("the recipe of docs/instructors.md on the fixture class", () => {
  it("grades each learner's submission to the grade it deserves, with the reason of every cell", () => {
    const [batch] = runs;
    expect(batch?.stdout, batch?.stderr).toMatch(/graded 8 submissions into results; 1 could not be graded/);
    expect(batch?.exitCode, "one submission could not be graded").toBe(1);
    const files = readdirSync(join(instructor, "results")).filter((f) => f.endsWith(".json"));
    expect(files.sort()).toEqual(
      ["_batch.json", "class.json", ...Object.keys(EXPECTED).map((name) => `${name}.json`)].sort(),
    );
    for (const [learner, expected] of Object.entries(EXPECTED)) {
      const report = read<GradeReport>(`results/${learner}.json`);
      expect(report.version).toBe(2);
      expect(report.summary.score, learner).toBe(expected.score);
      expect(report.summary.maxScore).toBe(TOTAL);
      const reasons = Object.fromEntries(report.exercises.map((e) => [e.id, e.reason]));
      const wanted = Object.fromEntries(report.exercises.map((e) => [e.id, expected.reasons[e.id] ?? "missing-file"]));
      expect(reasons, learner).toEqual(wanted);
    }
    // The sequential split rewrites the pool's records of its tasks to pass 08's tests, which it could in one
    // process; in a graded run the records are the judge's, and the test that wants the tasks side by side fails.
    const grace = read<GradeReport>("results/grace.json");
    expect(grace.exercises.find((e) => e.id === "08-pi-split")?.message).toMatch(/should keep all 2 threads busy/);
  });

  it("regrades the inconclusive speedup until it settles, in the learner's one result, with the history kept", () => {
    const ken = read<GradeReport>("results/ken.json");
    expect(ken.history?.map((attempt) => attempt.exercises.map((e) => `${e.id} ${e.status}`))).toEqual([
      ken.history?.[0]?.exercises.map((e) => `${e.id} ${e.status}`),
      ["08-pi-split passed"],
    ]);
    expect(ken.history?.[0]?.exercises.find((e) => e.id === "08-pi-split")?.status).toBe("inconclusive");
    expect(ken.exercises.filter((e) => e.status === "inconclusive")).toEqual([]);
    expect(ken.summary.inconclusive).toBe(0);
    expect(runs[0]?.stdout).toContain("ken: 08-pi-split inconclusive, graded again (round 1)");
  });

  it("records where each result came from: the commit and its date, the zip, the layout, the due date", () => {
    const ada = read<GradeReport>("results/ada.json");
    const adaCommit = execFileSync("git", ["rev-parse", "HEAD"], { cwd: join(instructor, "submissions/ada") })
      .toString()
      .trim();
    expect(ada.submission).toEqual({
      name: "ada",
      layout: "repository",
      zip: false,
      commit: adaCommit,
      submittedAt: "2025-04-30T18:00:00+02:00",
      submittedAtSource: "commit",
      due: "2025-05-01T21:59:00.000Z",
      contentHash: expect.stringMatching(/^sha256:[0-9a-f]{64}$/),
      files: curriculum.flatMap((e) =>
        e.files.learner.map((name) => {
          const from = `exercises/${e.id}/${name}`;
          return e.number <= 3 ? { exercise: e.id, name, from } : { exercise: e.id, name };
        }),
      ),
    });
    expect(ada.run).toMatchObject({ mode: "graded", treeCommit: adaCommit, machine: { cores: 1 } });
    expect(read<GradeReport>("results/grace.json").submission).toMatchObject({ submittedAtSource: "commit" });
    expect(read<GradeReport>("results/linus.json").submission).toMatchObject({ layout: "repository", zip: true });
    expect(read<GradeReport>("results/ken.json").submission).toMatchObject({ layout: "exercises" });
    expect(read<GradeReport>("results/margaret.json").submission).toMatchObject({ layout: "files" });
    // What a learner reads names their own files, not the grader's temporary copy.
    const missing = read<GradeReport>("results/margaret.json").exercises.find((e) => e.id === "01-integers");
    expect(missing?.message).toMatch(/^exercises\/01-integers\/integers\.ts is not in the submission/);
    expect(read<GradeReport>("results/linus.json").exercises.find((e) => e.id === "04-line-numbers")?.message).toMatch(
      /the submission's async-workshop-main\/exercises\/04-line-numbers\/line-numbers\.test\.ts differs/,
    );
  });

  it("names what it could not grade, and why", () => {
    const record = read<BatchRecord>("results/_batch.json");
    expect(record.notGraded).toEqual([
      {
        name: "dennis",
        problem: expect.stringMatching(/^dennis: none of the exercises' files is in it \(it holds README\.md, src\)/),
      },
    ]);
    expect(runs[0]?.stderr).toMatch(/not graded: dennis: none of the exercises' files/);
  });

  it("summarizes what each learner needs: reasons, lateness, what was not graded, and says it is not final", () => {
    const summary = runs[1];
    expect(summary?.exitCode, "dennis is not graded: the summary is not final").toBe(1);
    const out = summary?.stdout ?? "";
    expect(out).toMatch(/^ada +✓ 5 {2}✗ 0 {2}✗ 0 /m);
    expect(out).toMatch(new RegExp(`^grace .* 0/${TOTAL} {2}late 10 h 1 min$`, "m"));
    // Times in the zone of the machine that writes the summary (TZ here; course.json's timeZone if it had one).
    expect(out).toMatch(
      new RegExp(
        `^ada: 5/${TOTAL} · graded .* · submitted 2025-04-30 18:00 Europe/Brussels \\(commit\\), on time$`,
        "m",
      ),
    );
    const notHandedIn = curriculum
      .slice(3)
      .map((e) => e.id.slice(0, 2))
      .join(" ");
    expect(out).toContain(
      "  02-even-numbers syntax error: Does not parse (a syntax error), so none of its tests ran.\n" +
        `  03-fibonacci not started: Not started: the starter as handed out.\n  not handed in: ${notHandedIn}`,
    );
    expect(out).toContain("  01-integers timed out: Still running at the time limit, and stopped");
    expect(out).toContain("  08-pi-split test failed: 7 of 8 tests pass.");
    expect(out).toContain("  02-even-numbers crashed: ");
    expect(out).toContain("  04-line-numbers tampered test: ");
    expect(out).toContain("  04-line-numbers test failed: 5 of 8 tests pass.");
    expect(out).toMatch(new RegExp(`ken: 20/${TOTAL} · .* · 2 gradings`));
    expect(out).toContain("  handed in, not graded: 01-integers/my-integers.test.ts (the learner's own test, not run)");
    expect(out).toContain(
      "  handed in, not graded: integers-final.ts (code the exercises do not name; 01-integers's integers.ts renamed?)",
    );
    expect(out).toMatch(/not graded:\n {2}dennis: none of the exercises' files/);
    expect(out).not.toContain("to regrade");
    expect(summary?.stderr).toContain("not final: 1 not graded");
    const records = parseCsv(readFileSync(join(instructor, "results/class.csv"), "utf8"), { columns: true });
    const record = (learner: string) => (records as Record<string, string>[]).find((r) => r.learner === learner);
    expect(record("grace")).toMatchObject({
      score: "0",
      late: "10 h 1 min",
      "01-integers status": "timed-out",
      "01-integers reason": "timed out",
      "08-pi-split reason": "test failed",
    });
    expect(record("ken")).toMatchObject({
      gradings: "2",
      "08-pi-split status": "passed",
      "02-even-numbers reason": "crashed",
    });
    expect(record("ada")).toMatchObject({ late: "on-time", "02-even-numbers reason": "syntax error" });
    const html = readFileSync(join(instructor, "results/class.html"), "utf8");
    for (const learner of Object.keys(EXPECTED)) expect(html).toContain(`<tr data-learner="${learner}">`);
    expect(html).toMatch(/data-exercise="04-line-numbers" data-status="tampered" data-reason="tampered-test"/);
  });

  it("flags the learner who handed in the reference solution and the copied pair, in HTML, CSV and JSON", () => {
    const copied = [
      "01-integers alan ~ barbara",
      "01-integers edsger ~ reference solution",
      "03-fibonacci alan ~ barbara",
      "03-fibonacci edsger ~ reference solution",
      "08-pi-split edsger ~ reference solution",
    ];
    const report = read<ClassReport>("results/class.json");
    const matches = report.similarity?.matches ?? [];
    expect(matches.map((m) => `${m.exercise} ${m.left} ~ ${m.right}`).sort()).toEqual(copied);
    for (const match of matches) {
      expect(match.similarity).toBeGreaterThanOrEqual(report.similarity?.threshold ?? 1);
      expect(match.fragments.length, `${match.left} ~ ${match.right}`).toBeGreaterThan(0);
      expect(match.fragments[0]?.left.lines.length).toBeGreaterThan(0);
    }
    const page = parseHTML(readFileSync(join(instructor, "results/class.html"), "utf8")).document;
    const articles = [...page.querySelectorAll("#similarity article.match")];
    expect(
      articles
        .map(
          (a) => `${a.getAttribute("data-exercise")} ${a.getAttribute("data-left")} ~ ${a.getAttribute("data-right")}`,
        )
        .sort(),
    ).toEqual(copied);
    for (const article of articles) {
      expect(article.querySelector(".score")?.textContent).toMatch(/^\d+%$/);
      expect(article.querySelectorAll(".fragment pre").length).toBeGreaterThanOrEqual(2);
    }
    const records = parseCsv(readFileSync(join(instructor, "results/class.csv"), "utf8"), { columns: true });
    const similar = Object.fromEntries(
      (records as Record<string, string>[]).map((r) => [r.learner, r["similar code"] ?? ""]),
    );
    expect(similar.edsger).toMatch(
      /^01-integers\/integers\.ts: edsger ~ reference solution 100% \(lines \d+-\d+ ~ \d+-\d+/,
    );
    expect(similar.alan).toMatch(/03-fibonacci\/fibonacci\.ts: alan ~ barbara \d+% \(lines /);
    expect(similar.barbara).toBe(similar.alan);
    const honest = Object.entries(similar).filter(([learner]) => !["alan", "barbara", "edsger"].includes(learner));
    expect(honest.map(([learner, text]) => `${learner}: ${text}`)).toEqual(honest.map(([learner]) => `${learner}: `));
  });
});

describe("one submission, the Gradescope way", () => {
  it("gets the same grade as in the batch: grade-submission is the batch's grading of one submission", async () => {
    const out = join(instructor, "gradescope", "margaret.json");
    const run = await runGrader(
      ["grade-submission", "submissions/margaret", "--reporter", "gradescope", "--out", out],
      MACHINE,
      instructorBin,
      instructor,
    );
    expect(run.exitCode, run.stderr).toBe(1);
    const gradescope = JSON.parse(readFileSync(out, "utf8")) as GradescopeResults;
    const batch = read<GradeReport>("results/margaret.json");
    expect(gradescope.score).toBe(batch.summary.score);
    const perExercise = (tests: { id?: string; status: string; score: number }[]) =>
      tests.map(({ id, status, score }) => `${id} ${status} ${score}`);
    expect(
      perExercise(
        gradescope.tests
          .filter((t) => !t.extra_data.hidden)
          .map((t) => ({ id: t.extra_data.id, status: t.extra_data.status, score: t.score })),
      ),
    ).toEqual(perExercise(batch.exercises.map((e) => ({ id: e.id, status: e.status, score: e.points }))));
    expect(gradescope.extra_data.submission).toMatchObject({ name: "margaret", layout: "files" });
  });

  it("reads back into the class summary as the batch's result does", async () => {
    const folder = join(instructor, "gradescope");
    const csv = join(folder, "gradescope.csv");
    const run = await runGrader(["summary", folder, "--csv", csv], {}, instructorBin, instructor);
    expect(run.exitCode, run.stderr).toBe(0);
    const batchCsv = readFileSync(join(instructor, "results/class.csv"), "utf8").split("\r\n");
    const margaret = (lines: string[]) =>
      lines
        .find((line) => line.startsWith("margaret,"))
        ?.split(",")
        .slice(9);
    expect(margaret(readFileSync(csv, "utf8").split("\r\n"))).toEqual(margaret(batchCsv));
  });
});

describe("a class folder that is not one", () => {
  it("is a usage error that names the path", async () => {
    const run = await runGrader(["batch", "no-such-folder", "--out", "results"], {}, instructorBin, instructor);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toMatch(/no-such-folder: there is no folder at .*no-such-folder/);
    expect(existsSync(join(instructor, "no-such-folder"))).toBe(false);
  });
});
