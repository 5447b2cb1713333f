// Regrading a class, end to end with `pnpm instructor batch` as real processes: a zip that changed after it was
// graded is never merged with its stale result; one learner regraded inside a class keeps everyone else and the
// due date; and a due date grades a repository's last commit before it, not the late commit after it.
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BatchRecord } from "../../src/classroom/batch-record.ts";
import type { GradeReport } from "../../src/result.ts";
import { fixture, type GraderRun, instructorBin, runGrader } from "../run-grader.ts";
import { zipOf } from "../support/zip-of.ts";

const DUE = "2025-05-01T23:59:00+02:00";
/** One core: every speedup's verdict is its structure's, so nothing here depends on the machine's load. */
const MACHINE = { WORKSHOP_CORES: "1", TZ: "UTC" };
const honestSplit = readFileSync(fixture("class/ken/08-pi-split/pi-split.ts"), "utf8");
const fibonacci = readFileSync(fixture("class/margaret/fibonacci.ts"), "utf8");

let instructor: string;
const runs: Record<string, GraderRun> = {};
const read = <T>(path: string) => JSON.parse(readFileSync(join(instructor, path), "utf8")) as T;
const batch = (args: string[], env: Record<string, string> = {}) =>
  runGrader(["batch", ...args], { ...MACHINE, ...env }, instructorBin, instructor);

/** zed's zip: a flat one, with `fibonacci` as 03's code and an honest split as 08's. */
function zedZip(fibonacciCode: string): Buffer {
  return zipOf([
    { name: "03-fibonacci/fibonacci.ts", content: fibonacciCode, deflate: true },
    { name: "08-pi-split/pi-split.ts", content: honestSplit, deflate: true },
  ]);
}

/** rosa's clone: 03 committed on time and passing, then broken by a commit the morning after the due date. */
function rosaClone(folder: string): { onTime: string; late: string } {
  mkdirSync(join(folder, "exercises/03-fibonacci"), { recursive: true });
  const file = join(folder, "exercises/03-fibonacci/fibonacci.ts");
  const git = (date: string, ...args: string[]) =>
    execFileSync("git", args, { cwd: folder, env: { ...process.env, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date } })
      .toString()
      .trim();
  const commit = (date: string, message: string) => {
    git(date, "add", "-A");
    git(date, "-c", "user.name=rosa", "-c", "user.email=rosa@example.com", "commit", "-q", "-m", message);
    return git(date, "rev-parse", "HEAD");
  };
  git(DUE, "init", "-q");
  writeFileSync(file, fibonacci);
  const onTime = commit("2025-05-01T20:00:00+02:00", "03 done");
  writeFileSync(file, "// rosa, after the due date: a refactoring that broke it.\nexport function* fibonacci() {}\n");
  const late = commit("2025-05-02T09:30:00+02:00", "tidy up");
  return { onTime, late };
}

let rosa: { onTime: string; late: string };

beforeAll(async () => {
  instructor = realpathSync(mkdtempSync(join(tmpdir(), "grader-class-regrades-")));
  const submissions = join(instructor, "submissions");
  mkdirSync(submissions);
  cpSync(fixture("class/margaret"), join(submissions, "margaret"), { recursive: true });
  writeFileSync(join(submissions, "zed.zip"), zedZip(fibonacci));
  rosa = rosaClone(join(submissions, "rosa"));
  // 1. The class, with a due date; zed's 08 comes out inconclusive, and no regrade settles it yet.
  runs.class = await batch(["submissions", "--out", "results", "--due", DUE, "--regrades", "0"], {
    WORKSHOP_SIMULATE_BUSY: "zed:08-pi-split",
  });
  // 2. zed hands in a new zip, whose 03 is broken: a regrade of the inconclusive speedup alone must not keep the
  // old 03. Then zed is graded whole.
  writeFileSync(join(submissions, "zed.zip"), zedZip("// zed's second try\nexport function* fibonacci() {}\n"));
  runs.inconclusiveOnly = await batch(["submissions", "--out", "results", "--inconclusive-only"]);
  runs.zedWhole = await batch(["submissions/zed.zip", "--out", "results"]);
  // 3. margaret is regraded alone, inside the class, without the due date given again.
  runs.margaret = await batch(["submissions/margaret", "--out", "results"]);
  // 4. rosa graded at her latest commit, as asked, into a folder of its own.
  runs.rosaAtHead = await batch(["submissions/rosa", "--out", "at-head", "--due", DUE, "--at-head"]);
  runs.summary = await runGrader(["summary", "results"], MACHINE, instructorBin, instructor);
});

afterAll(() => {
  if (instructor) rmSync(instructor, { recursive: true, force: true });
});

describe("a zip that changed after it was graded", () => {
  it("is not regraded into its old result: the stale cells would stay", () => {
    expect(runs.class?.stdout, runs.class?.stderr).toMatch(/zed: .*08-pi-split inconclusive/);
    const { inconclusiveOnly } = runs;
    expect(inconclusiveOnly?.exitCode).toBe(1);
    expect(inconclusiveOnly?.stderr).toMatch(
      /not graded: zed changed since it was graded: grade it whole, without --inconclusive-only/,
    );
  });

  it("is graded whole when given again, and its new code decides every cell", () => {
    expect(runs.zedWhole?.exitCode, runs.zedWhole?.stderr).toBe(0);
    const zed = read<GradeReport>("results/zed.json");
    const status = Object.fromEntries(zed.exercises.map((e) => [e.id, e.reason]));
    expect(status["03-fibonacci"]).not.toBe("passed");
    expect(status["08-pi-split"]).toBe("passed");
    expect(zed.history, "a whole grading starts a new result").toBeUndefined();
    expect(readFileSync(join(instructor, "results/_code/zed/03-fibonacci/fibonacci.ts"), "utf8")).toContain(
      "zed's second try",
    );
  });
});

describe("one learner regraded inside a class", () => {
  it("is graded alone, as that learner, from their own folder", () => {
    expect(runs.margaret?.stdout).toMatch(/^margaret: /m);
    expect(runs.margaret?.stdout).toMatch(/graded 1 submissions into results/);
  });

  it("keeps everyone else's entry and the class's due date", () => {
    const record = read<BatchRecord>("results/_batch.json");
    expect(record.graded.map((entry) => entry.name)).toEqual(["margaret", "rosa", "zed"]);
    expect(record.due).toBe("2025-05-01T21:59:00.000Z");
    expect(runs.margaret?.stdout).toContain("due 2025-05-01T21:59:00.000Z, as");
    expect(read<GradeReport>("results/margaret.json").submission?.due).toBe("2025-05-01T21:59:00.000Z");
    const summary = runs.summary?.stdout ?? "";
    for (const learner of ["margaret", "rosa", "zed"]) expect(summary).toMatch(new RegExp(`^${learner} `, "m"));
    expect(summary).toContain("due 2025-05-01 21:59 UTC;");
  });
});

describe("a due date and a late commit", () => {
  it("grades the last commit before the due date, and says the later ones were not graded", () => {
    const graded = read<GradeReport>("results/rosa.json");
    expect(graded.submission).toMatchObject({
      commit: rosa.onTime,
      headCommit: rosa.late,
      laterCommits: 1,
      submittedAt: "2025-05-01T20:00:00+02:00",
    });
    expect(graded.exercises.find((e) => e.id === "03-fibonacci")?.status).toBe("passed");
    expect(runs.class?.stdout).toMatch(/^rosa: 5\/\d+ \(repository, [0-9a-f]{7}, 1 later commits not graded\)/m);
    expect(runs.summary?.stdout).toMatch(
      /^rosa: 5\/\d+ · .* · repository at [0-9a-f]{7} \(1 later commits not graded\) · submitted 2025-05-01 18:00 UTC \(commit\), on time$/m,
    );
  });

  it("grades the latest commit, late, when asked to with --at-head", () => {
    const head = read<GradeReport>("at-head/rosa.json");
    expect(head.submission).toMatchObject({ commit: rosa.late, submittedAt: "2025-05-02T09:30:00+02:00" });
    expect(head.submission?.headCommit).toBeUndefined();
    expect(head.exercises.find((e) => e.id === "03-fibonacci")?.status).not.toBe("passed");
  });
});
