// Grading a class end to end: docs/instructors.md's recipe, run as written on the fixture class
// (grader/test/fixtures/class), with each learner's grade and the reason of every cell checked; then the same
// submission graded the Gradescope way gives the same grade, and the summary reads Gradescope's results alike.
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { BatchRecord } from "../../src/classroom/batch-record.ts";
import { workshop } from "../../src/paths.ts";
import type { GradescopeResults } from "../../src/report/gradescope.ts";
import type { GradeReport, Reason } from "../../src/result.ts";
import { filesUnder } from "../../src/tree/files-under.ts";
import { fixture, type GraderRun, instructorBin, runGrader } from "../run-grader.ts";

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
const MACHINE = { WORKSHOP_CORES: "1", WORKSHOP_SIMULATE_BUSY: "ken:08-pi-split" };

/** Every learner's expected grade, and each exercise's reason; an exercise not named was not handed in. */
const EXPECTED: Record<string, { score: number; reasons: Partial<Record<string, Reason>> }> = {
  ada: {
    score: 5,
    reasons: { "01-integers": "passed", "02-even-numbers": "syntax-error", "03-fibonacci": "not-started" },
  },
  grace: { score: 0, reasons: { "01-integers": "timed-out", "08-pi-split": "speedup-failed" } },
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
  commit("grace/async-workshop-grace", "2025-05-02T10:00:00+02:00");
  for (const [pnpm, command, ...args] of recipe()) {
    expect(`${pnpm} ${command}`, "the recipe calls the instructor's commands").toBe("pnpm instructor");
    runs.push(await runGrader(args, MACHINE, instructorBin, instructor));
  }
});

describe("the fixture class", () => {
  it("holds in its honest clones the tests the workshop ships: copy them again after changing a test", () => {
    const copies = filesUnder(fixture("class")).filter((path) => path.endsWith(".test.ts"));
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
    expect(batch?.stdout, batch?.stderr).toMatch(/graded 5 submissions into results; 1 could not be graded/);
    expect(batch?.exitCode, "one submission could not be graded").toBe(1);
    const files = readdirSync(join(instructor, "results")).filter((f) => f.endsWith(".json"));
    expect(files.sort()).toEqual(["_batch.json", ...Object.keys(EXPECTED).map((name) => `${name}.json`)]);
    for (const [learner, expected] of Object.entries(EXPECTED)) {
      const report = read<GradeReport>(`results/${learner}.json`);
      expect(report.version).toBe(2);
      expect(report.summary.score, learner).toBe(expected.score);
      expect(report.summary.maxScore).toBe(95);
      const reasons = Object.fromEntries(report.exercises.map((e) => [e.id, e.reason]));
      const wanted = Object.fromEntries(report.exercises.map((e) => [e.id, expected.reasons[e.id] ?? "missing-file"]));
      expect(reasons, learner).toEqual(wanted);
    }
    // The sequential split passed its tests, and the speedup check's structural gate caught it.
    const grace = read<GradeReport>("results/grace.json");
    expect(grace.exercises.find((e) => e.id === "08-pi-split")?.speedup?.problem).toBe("sequential");
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
    expect(out).toMatch(/^grace .* 0\/95 {2}late 10 h 1 min$/m);
    expect(out).toMatch(/^ada: 5\/95 · graded .* · submitted 2025-04-30T18:00:00\+02:00 \(commit\), on time$/m);
    expect(out).toContain(
      "  02-even-numbers syntax error\n  03-fibonacci not started\n  not handed in: 04 05 06 07 08 09 10",
    );
    expect(out).toContain("  01-integers timed out\n  08-pi-split sequential split\n");
    expect(out).toContain("  02-even-numbers crashed\n");
    expect(out).toContain("  04-line-numbers tampered test\n");
    expect(out).toContain("  04-line-numbers test failed\n");
    expect(out).toMatch(/ken: 20\/95 · .* · 2 gradings/);
    expect(out).toMatch(/not graded:\n {2}dennis: none of the exercises' files/);
    expect(out).not.toContain("to regrade");
    expect(summary?.stderr).toContain("not final: 1 not graded");

    const [header, ...rows] = readFileSync(join(instructor, "results/class.csv"), "utf8").split("\r\n");
    const fields = header?.split(",") ?? [];
    const record = (learner: string) => {
      const line = rows.find((row) => row.startsWith(`${learner},`)) ?? "";
      return Object.fromEntries(fields.map((field, i) => [field, line.split(",")[i]]));
    };
    expect(record("grace")).toMatchObject({
      score: "0",
      late: "10 h 1 min",
      "01-integers status": "timed-out",
      "01-integers reason": "timed out",
      "08-pi-split reason": "sequential split",
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
        .slice(7);
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
