// Hostile submissions, one per attack class of docs/security.md. Each class is named by its test, not by its
// fixture: a fixture is one way into the class, and the defence must hold for the class.
//
// What the sandbox defends (a learner's code against the machine, the class and the grade) is tried in a class
// batch, as an instructor grades: as root and as a user without privileges when this suite runs as root, and as
// the user running it otherwise. What the judge's separation defends (the verdict against the code it judges)
// is tried in Gradescope's layout, as Gradescope runs it. In every case the grade is what the honest part of
// the submission deserves.
import { spawn, spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { workshop } from "../../src/paths.ts";
import type { ExerciseResult, GradeReport } from "../../src/result.ts";
import { fixture, instructorBin } from "../run-grader.ts";
import { asUnprivilegedUser, UNPRIVILEGED_UID, workshopForUnprivilegedUser } from "../support/as-user.ts";
import { runningCommandLines } from "../support/command-lines.ts";
import { autograde, gradescopeExercise } from "../support/gradescope-layout.ts";
import { copyWorkshop } from "../support/workshop-copy.ts";

const root = process.getuid?.() === 0;
const hostile = (name: string) => fixture(`hostile/${name}`);
/** What a workflow's environment holds: the learner's code must never see it. */
const TOKEN = "ghs_hostileSecret0123456789";
/** The port the network fixture calls (hostile/network). */
const LISTENED_PORT = 47_311;
/** A classmate's code holds this; no other learner's results may. */
const CLASSMATE_SECRET = "classmate-secret-7f3a9c";

/** The class: each attack, a classmate with a secret, an honest learner graded after the attacks. */
function classFolder(into: string): string {
  const submissions = join(into, "submissions");
  const attacks = [
    "leftover-files",
    "fill-disk",
    "memory",
    "processes",
    "read-classmates",
    "network",
    "write-workshop",
    "read-secrets",
    "kill-parent",
    "read-solutions",
    "reach-solutions",
  ];
  for (const attack of attacks) cpSync(hostile(attack), join(submissions, attack), { recursive: true });
  const classmate = join(submissions, "aaa-classmate", "01-integers");
  cpSync(join(workshop.solutions, "01-integers"), classmate, { recursive: true });
  writeFileSync(
    join(classmate, "integers.ts"),
    `// ${CLASSMATE_SECRET}\n${readFileSync(join(classmate, "integers.ts"))}`,
  );
  cpSync(join(workshop.solutions, "01-integers"), join(submissions, "zzz-graded-last", "01-integers"), {
    recursive: true,
  });
  return submissions;
}

interface ClassRun {
  results: (learner: string) => GradeReport;
  exercise: (learner: string, id?: string) => ExerciseResult;
  connections: number;
  stderr: string;
  /** The folders the grader could write, to look for what the learners' code left. */
  writable: string[];
}

/**
 * Who grades the class: `root`; `unprivileged`, a user id of no account, started by root with setpriv; or `self`,
 * the user running this suite, when that is not root.
 */
type Grader = "root" | "unprivileged" | "self";
const graders: Grader[] = root ? ["root", "unprivileged"] : ["self"];

/** Grades the class with `pnpm instructor batch`, as `grader`, with a token in its environment. */
async function gradeClass(grader: Grader): Promise<ClassRun> {
  let connections = 0;
  const server: Server = createServer((socket) => {
    connections++;
    socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(LISTENED_PORT, "0.0.0.0", resolve));
  const user = grader === "unprivileged" ? workshopForUnprivilegedUser() : undefined;
  const base = user ? join(user.home, "class") : mkdtempSync(join(tmpdir(), "hostile-class-"));
  const submissions = classFolder(base);
  const out = join(base, "results");
  if (user) spawnSync("chown", ["-R", `${UNPRIVILEGED_UID}:${UNPRIVILEGED_UID}`, base]);
  const bin = user ? join(user.root, "grader", "bin", "instructor.js") : instructorBin;
  const command = [process.execPath, bin, "batch", submissions, "--out", out, "--exercises", "1,3", "--regrades", "0"];
  const env = {
    ...process.env,
    NO_COLOR: "1",
    CLASSROOM_TOKEN: TOKEN,
    GITHUB_TOKEN: TOKEN,
    ...(user ? { HOME: user.home, TMPDIR: join(user.home, "tmp"), WORKSHOP_STATE_DIR: join(user.home, "state") } : {}),
  };
  const [file, ...args] = user ? asUnprivilegedUser(command) : command;
  const stderr = await new Promise<string>((resolve, reject) => {
    const child = spawn(file as string, args, { env, stdio: ["ignore", "ignore", "pipe"] });
    let said = "";
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      said += chunk;
    });
    child.on("error", reject);
    child.on("close", () => resolve(said));
  });
  server.close();
  const results = (learner: string) => JSON.parse(readFileSync(join(out, `${learner}.json`), "utf8")) as GradeReport;
  const exercise = (learner: string, id = "01-integers") =>
    results(learner).exercises.find((e) => e.id === id) as ExerciseResult;
  const writable = [tmpdir(), "/tmp", "/dev/shm", base, ...(user ? [user.home] : [])];
  return { results, exercise, connections, stderr, writable };
}

/** Every folder named `name` under `folders`, a few levels down. */
function foldersNamed(name: string, folders: string[]): string[] {
  const found: string[] = [];
  const walk = (folder: string, depth: number) => {
    if (depth > 4) return;
    let entries: string[];
    try {
      entries = readdirSync(folder);
    } catch {
      return;
    }
    for (const entry of entries) {
      if (entry === name) found.push(join(folder, entry));
      else if (!entry.startsWith(".") && entry !== "node_modules") walk(join(folder, entry), depth + 1);
    }
  };
  for (const folder of folders) walk(folder, 0);
  return found;
}

for (const grader of graders) {
  describe(`a class graded ${grader === "root" ? "as root" : "by a user without privileges"}`, () => {
    let run: ClassRun;
    const store = join(workshop.root, "node_modules/.pnpm");
    const before = new Map<string, string>();
    beforeAll(async () => {
      for (const file of watchedFiles()) before.set(file, readFileSync(file, "utf8"));
      run = await gradeClass(grader);
    }, 600_000);

    /** Files of the workshop a learner would most like to change for those graded after. */
    function watchedFiles(): string[] {
      const vitest = readdirSync(store).find((name) => name.startsWith("vitest@"));
      return [
        join(store, vitest ?? "", "node_modules/vitest/dist/index.js"),
        join(workshop.exercises, "03-fibonacci/fibonacci.test.ts"),
        join(workshop.root, "grader/dist/cli/learner.js"),
      ];
    }

    it("files left behind: gone with the exercise, and the next learner is graded as if they never were", () => {
      expect(run.exercise("leftover-files").status).toBe("passed");
      expect(run.exercise("zzz-graded-last").status).toBe("passed");
      expect(foldersNamed("left-behind", run.writable)).toEqual([]);
    });

    it("a full disk: the learner's own, bounded; that exercise says why, the class goes on", () => {
      const filled = run.exercise("fill-disk");
      expect(filled.points).toBe(0);
      expect(`${filled.message}\n${filled.tests.map((test) => test.message).join("\n")}`).toMatch(/ENOSPC|no space/i);
      expect(run.exercise("zzz-graded-last").status).toBe("passed");
    });

    it("memory: the sandbox's processes together are bounded, Buffers and children included", () => {
      expect(run.exercise("memory")).toMatchObject({ status: "crashed", reason: "out-of-memory", points: 0 });
      expect(run.exercise("memory").message).toMatch(/held .* of memory, over the sandbox's/);
    });

    it("processes: bounded, and none outlives its exercise", () => {
      expect(run.exercise("processes")).toMatchObject({ status: "crashed", reason: "limit-reached", points: 0 });
      expect(runningCommandLines().filter((line) => line.includes("hostile-left-behind"))).toEqual([]);
    });

    it("reading classmates: no other learner's code or result is there to read", () => {
      expect(run.exercise("aaa-classmate").status).toBe("passed");
      expect(run.exercise("read-classmates").status).toBe("passed");
      expect(run.exercise("read-classmates").output).toContain("FOUND");
      expect(JSON.stringify(run.results("read-classmates"))).not.toContain(CLASSMATE_SECRET);
    });

    it("the network: none", () => {
      expect(run.exercise("network").status).toBe("passed");
      expect(run.connections).toBe(0);
    });

    it("the workshop and the results, for those graded after: out of reach, root or not", () => {
      expect(run.exercise("write-workshop").status).toBe("passed");
      const attempts = run.exercise("write-workshop").output;
      expect(attempts).toContain("ATTEMPTS");
      // Its own home folder (its /tmp) it may write; nothing of the workshop, the class or the host's homes.
      const wrote = [...attempts.matchAll(/"wrote ([^"]+)"/g)].map((match) => match[1]);
      expect(wrote.filter((path) => !path?.startsWith("/tmp/"))).toEqual([]);
      for (const [file, text] of before) expect(readFileSync(file, "utf8"), file).toBe(text);
      expect(run.results("zzz-graded-last").exercises[0]?.status).toBe("passed");
    });

    it("secrets of the grader's environment: not in the learner's, nor in any process it can see", () => {
      expect(run.exercise("read-secrets").status).toBe("passed");
      expect(run.exercise("read-secrets").output).toContain("ENVIRONMENTS");
      expect(JSON.stringify(run.results("read-secrets"))).not.toContain(TOKEN);
    });

    it("the grader's own process: out of reach, the class is graded", () => {
      expect(run.exercise("kill-parent")).toMatchObject({ status: "passed", points: 5 });
    });

    it("the answers: not in its view, and an import of them is refused by name", () => {
      expect(run.exercise("read-solutions", "03-fibonacci").points).toBe(0);
      expect(run.exercise("read-solutions", "03-fibonacci").message).toMatch(/ENOENT|no such file/);
      expect(run.exercise("reach-solutions", "03-fibonacci")).toMatchObject({ reason: "forbidden-import", points: 0 });
    });
  });
}

describe(`the judge, in Gradescope's layout${root ? " as root" : ""}`, () => {
  it("patching the test framework, wholesale or aimed at chosen tests: there is none in the code's process", {
    timeout: 180_000,
  }, () => {
    const results = autograde(hostile("patch-expect")).read();
    const fibonacci = gradescopeExercise(results, "03-fibonacci");
    expect(fibonacci?.score).toBe(0);
    expect(fibonacci?.extra_data?.status).toBe("failed");
  });

  it("writing to any file descriptor or channel: the judge's results travel where the code is not", {
    timeout: 180_000,
  }, () => {
    const results = autograde(hostile("write-channels")).read();
    const integers = gradescopeExercise(results, "01-integers");
    // Its honest part counts by twos: it fails, however what it forged left its own process, and the test it
    // forged as passed is not one.
    expect(integers?.score).toBe(0);
    expect(integers?.extra_data?.status).not.toBe("passed");
    expect(integers?.output).not.toMatch(/✓ integers\\\(\\\) &gt; yields 1, 2, 3/);
  });

  it("faking the speedup report: the split is judged by what the judge measured", { timeout: 180_000 }, () => {
    const split = gradescopeExercise(autograde(hostile("fake-speedup-report")).read(), "08-pi-split");
    expect(split?.score).toBe(0);
    expect(split?.extra_data?.status).not.toBe("passed");
  });

  it("patching clocks and counters: the judge reads its own", { timeout: 180_000 }, () => {
    const split = gradescopeExercise(autograde(hostile("patch-clocks")).read(), "08-pi-split");
    expect(split?.score).toBe(0);
    expect(split?.extra_data?.status).toBe("failed");
  });

  it("reading the tests served to the code: none are in its process or its view", { timeout: 180_000 }, () => {
    const graded = autograde(hostile("read-tests"));
    const results = graded.read();
    expect(gradescopeExercise(results, "01-integers")?.score).toBe(5);
    const hiddenTest = readFileSync(join(workshop.exercises, "01-integers/hidden/take.test.ts"), "utf8");
    const telltale = hiddenTest.split("\n").find((line) => line.includes("it(")) ?? "";
    expect(telltale).not.toBe("");
    expect(graded.text()).not.toContain(telltale.trim());
    expect(graded.text()).toContain("vitest worker: absent");
  });
});

// The newcomer's case: a clone inside a folder closed to others (mode 700, as /root and a user's home are). The
// tests' temporary folder is such a folder.
describe("a workshop in a private folder", () => {
  it("grades, with no folder opened to others", { timeout: 180_000 }, () => {
    const copy = copyWorkshop();
    expect(statSync(dirname(copy)).mode & 0o777).toBe(0o700);
    const folder = mkdtempSync(join(tmpdir(), "private-class-"));
    cpSync(join(workshop.solutions, "01-integers"), join(folder, "submissions", "ada", "01-integers"), {
      recursive: true,
    });
    const out = join(folder, "results");
    const bin = join(copy, "grader/bin/instructor.js");
    const graded = spawnSync(
      process.execPath,
      [bin, "batch", join(folder, "submissions"), "--out", out, "--exercises", "1"],
      {
        encoding: "utf8",
        env: { ...process.env, NO_COLOR: "1" },
      },
    );
    expect(graded.status, graded.stderr).toBe(0);
    const ada = JSON.parse(readFileSync(join(out, "ada.json"), "utf8")) as GradeReport;
    expect(ada.exercises[0]?.status).toBe("passed");
    expect(ada.run.protection).toBe("sandboxed");
  });
});
