// A submission laid out for grading, without grading it: which files are the learner's code (in a repository, an
// exercises/ folder, loose files), what else was handed in, the hash of what is graded, the commit a due date
// picks, and a learner's folder told from a class folder.
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { classSubmissions, submissionAt } from "../../src/classroom/class-submissions.ts";
import { handedInNotes } from "../../src/classroom/handed-in.ts";
import { type PreparedSubmission, prepareSubmission } from "../../src/classroom/prepare-submission.ts";
import { copySubmission } from "../../src/classroom/submission.ts";
import { loadCurriculum } from "../../src/curriculum/load-curriculum.ts";
import { readManifest } from "../../src/manifest.ts";
import { workshop } from "../../src/paths.ts";
import { fixture } from "../run-grader.ts";

const curriculum = loadCurriculum(workshop.exercises);
const manifest = readManifest();
const scratch = () => mkdtempSync(join(tmpdir(), "grader-class-submission-"));
const prepared: PreparedSubmission[] = [];
afterEach(() => {
  for (const ready of prepared.splice(0)) ready.dispose();
});
async function prepare(path: string, options: { due?: string; atHead?: boolean } = {}) {
  const ready = await prepareSubmission(submissionAt(path), { curriculum, manifest, ...options });
  prepared.push(ready);
  return ready;
}

/** A folder holding `files` (path -> content). */
function folderOf(files: Record<string, string>): string {
  const root = scratch();
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

/** Commits everything in `dir` with the given date as the author's and committer's. */
function commitAll(dir: string, date: string, message: string): string {
  const git = (...args: string[]) =>
    execFileSync("git", args, {
      cwd: dir,
      env: { ...process.env, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date },
    })
      .toString()
      .trim();
  git("init", "-q");
  git("add", "-A");
  git("-c", "user.name=learner", "-c", "user.email=learner@example.com", "commit", "-q", "-m", message);
  return git("rev-parse", "HEAD");
}

describe("a submission, laid out like exercises/ for grading", () => {
  it("takes the learner's files and helpers from a whole repository, never its tests, settings nor solutions", () => {
    const submission = folderOf({
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
    const into = join(scratch(), "tree");
    const copied = copySubmission(submission, curriculum, into);
    expect(readFileSync(join(into, "03-fibonacci/fibonacci.ts"), "utf8")).toBe("learner's fibonacci");
    expect(readdirSync(join(into, "03-fibonacci")).sort()).toEqual(["fibonacci.ts", "helper.ts"]);
    expect(readdirSync(into)).toEqual(["03-fibonacci"]);
    expect(copied.find((f) => f.name === "fibonacci.ts")?.from).toBe(
      "workshop-main/exercises/03-fibonacci/fibonacci.ts",
    );
    expect(copied.find((f) => f.name === "integers.ts" && f.exercise === "01-integers")?.from).toBeUndefined();
    expect(copied.find((f) => f.name === "line-numbers.ts")?.from, "a solution is no learner's work").toBeUndefined();
  });

  it("takes an exercises folder, and loose files whose name only one exercise uses", () => {
    const submission = folderOf({
      "01-integers/integers.ts": "learner's integers",
      "fibonacci.ts": "loose fibonacci",
      "async-timer.ts": "loose, but 06's file and 09's given file share the name",
    });
    const into = join(scratch(), "tree");
    const copied = copySubmission(submission, curriculum, into);
    expect(readFileSync(join(into, "01-integers/integers.ts"), "utf8")).toBe("learner's integers");
    expect(readFileSync(join(into, "03-fibonacci/fibonacci.ts"), "utf8")).toBe("loose fibonacci");
    const missing = copied.filter((f) => !f.from).map((f) => `${f.exercise}/${f.name}`);
    expect(missing).toContain("08-pi-split/pi-split.ts");
    expect(missing).not.toContain("03-fibonacci/fibonacci.ts");
    expect(missing).not.toContain("06-async-timer/async-timer.ts");
  });
});

describe("what was handed in", () => {
  it("records where each file came from, and names what was not graded: a renamed file, notes, own tests", async () => {
    const margaret = await prepare(fixture("class/margaret"));
    expect(margaret.info.files?.find((f) => f.exercise === "03-fibonacci")).toEqual({
      exercise: "03-fibonacci",
      name: "fibonacci.ts",
      from: "fibonacci.ts",
    });
    expect(margaret.info.files?.find((f) => f.exercise === "01-integers")).toEqual({
      exercise: "01-integers",
      name: "integers.ts",
    });
    expect(margaret.info.unrecognised).toEqual([
      { path: "integers-final.ts", kind: "code" },
      { path: "notes.txt", kind: "other" },
    ]);
    expect(handedInNotes(margaret.info)).toEqual([
      "handed in, not graded: integers-final.ts (code the exercises do not name; 01-integers's integers.ts renamed?), " +
        "notes.txt (not code)",
    ]);
    const ken = await prepare(fixture("class/ken"));
    expect(ken.info.unrecognised).toEqual([{ path: "01-integers/my-integers.test.ts", kind: "own-test" }]);
    // In a repository, the workshop's own files are no news; only what is in the exercises' folders is looked at.
    const ada = await prepare(fixture("class/ada"));
    expect(ada.info.unrecognised).toBeUndefined();
  });
});

describe("the hash of what is graded", () => {
  it("is the same for the same code in any shape, and changes with a byte of it", async () => {
    const zip = await prepare(fixture("class/alan.zip"));
    const unpacked = scratch();
    execFileSync("unzip", ["-q", fixture("class/alan.zip"), "-d", join(unpacked, "alan")]);
    const folder = await prepare(join(unpacked, "alan"));
    expect(zip.info.contentHash).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(folder.info.contentHash).toBe(zip.info.contentHash);
    writeFileSync(join(unpacked, "alan/03-fibonacci/fibonacci.ts"), "// changed\n", { flag: "a" });
    expect((await prepare(join(unpacked, "alan"))).info.contentHash).not.toBe(zip.info.contentHash);
  });
});

describe("a due date", () => {
  const due = "2025-05-01T21:59:00.000Z";
  function repositoryWithLateCommit() {
    const root = scratch();
    const repository = join(root, "ada");
    cpSync(fixture("class/ada"), repository, { recursive: true });
    const file = join(repository, "exercises/03-fibonacci/fibonacci.ts");
    const onTime = commitAll(repository, "2025-05-01T20:00:00+02:00", "before the deadline");
    writeFileSync(file, "// Fixture: written after the deadline.\nexport function* fibonacci() {}\n");
    const late = commitAll(repository, "2025-05-02T09:00:00+02:00", "after the deadline");
    return { repository, onTime, late };
  }

  it("grades a repository at its last commit before it, and records HEAD and the later commits", async () => {
    const { repository, onTime, late } = repositoryWithLateCommit();
    const ready = await prepare(repository, { due });
    expect(ready.info).toMatchObject({
      commit: onTime,
      headCommit: late,
      laterCommits: 1,
      submittedAt: "2025-05-01T20:00:00+02:00",
      submittedAtSource: "commit",
      due,
    });
    expect(readFileSync(join(ready.tree, "03-fibonacci/fibonacci.ts"), "utf8")).toBe(
      readFileSync(fixture("class/ada/exercises/03-fibonacci/fibonacci.ts"), "utf8"),
    );
  });

  it("grades HEAD when asked to, or when it is on time", async () => {
    const { repository, late } = repositoryWithLateCommit();
    const atHead = await prepare(repository, { due, atHead: true });
    expect(atHead.info).toMatchObject({ commit: late, submittedAt: "2025-05-02T09:00:00+02:00" });
    expect(atHead.info.headCommit).toBeUndefined();
    expect(readFileSync(join(atHead.tree, "03-fibonacci/fibonacci.ts"), "utf8")).toContain("after the deadline");
    const onTime = await prepare(repository, { due: "2025-05-03T00:00:00.000Z" });
    expect(onTime.info).toMatchObject({ commit: late });
    expect(onTime.info.laterCommits).toBeUndefined();
  });
});

describe("a class folder, and one learner's", () => {
  it("has one submission per folder or zip, and names every other entry", () => {
    const folder = scratch();
    mkdirSync(join(folder, "ada"));
    writeFileSync(join(folder, "bob.zip"), "");
    writeFileSync(join(folder, "notes.txt"), "");
    mkdirSync(join(folder, "_batch"));
    mkdirSync(join(folder, "_code"));
    mkdirSync(join(folder, ".git"));
    symlinkSync(join(folder, "nowhere"), join(folder, "carl"));
    const { submissions, skipped } = classSubmissions(folder, curriculum);
    expect(submissions.map(({ name, zip }) => `${name}${zip ? " (zip)" : ""}`)).toEqual(["ada", "bob (zip)"]);
    expect(skipped.map((entry) => entry.problem)).toEqual([
      '_batch: the results keep names starting with "_" for themselves; rename it',
      '_code: the results keep names starting with "_" for themselves; rename it',
      "carl is neither a folder nor a .zip (or it points nowhere)",
      "notes.txt is neither a folder nor a .zip (or it points nowhere)",
    ]);
    expect(() => classSubmissions(join(folder, "missing"), curriculum)).toThrow(/missing: there is no folder at/);
  });

  it("is that learner alone when the folder is one learner's: a repository, an exercises/ folder, loose files", () => {
    for (const learner of ["ada", "ken", "margaret"]) {
      const { submissions, skipped } = classSubmissions(fixture(`class/${learner}`), curriculum);
      expect(
        submissions.map((s) => s.name),
        learner,
      ).toEqual([learner]);
      expect(skipped).toEqual([]);
    }
    const { submissions } = classSubmissions(fixture("class"), curriculum);
    expect(submissions.map((s) => s.name)).toEqual([
      "ada",
      "alan",
      "barbara",
      "dennis",
      "edsger",
      "grace",
      "ken",
      "linus",
      "margaret",
    ]);
  });
});
