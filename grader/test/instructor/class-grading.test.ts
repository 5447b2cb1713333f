// The parts of a class batch that need no grading to test: the fan-out workflow (current, valid for GitHub,
// calling only commands that exist), listing a Classroom assignment, a class folder's entries, zips, the
// merge of a regrade, the busy-machine simulation, and a configuration problem reported as what it is.
import { once } from "node:events";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Command } from "commander";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { classroomRepositories } from "../../src/classroom/classroom-repos.ts";
import { fanoutWorkflow, fanoutWorkflowFile, gradeJobMinutes } from "../../src/classroom/fanout-workflow.ts";
import { inconclusiveIds, mergeRegrade } from "../../src/classroom/merge-grades.ts";
import { SubmissionError } from "../../src/classroom/submission-error.ts";
import { unpackZip } from "../../src/classroom/unpack-zip.ts";
import { instructorProgram } from "../../src/cli/instructor.ts";
import { learnerProgram } from "../../src/cli/learner.ts";
import { loadCurriculum } from "../../src/curriculum/load-curriculum.ts";
import { UsageError } from "../../src/errors.ts";
import { workshop } from "../../src/paths.ts";
import type { ExerciseResult, GradeReport } from "../../src/result.ts";
import { checkSpeedup } from "../../src/speedup/check-speedup.ts";
import { fixture, gradeJson } from "../run-grader.ts";
import { parsedByGitHub } from "../support/github-workflow.ts";
import { simulatedBusyMachine } from "../support/simulated-busy/simulated-busy.mjs";
import { zipOf } from "../support/zip-of.ts";

const curriculum = loadCurriculum(workshop.exercises);
const scratch = () => mkdtempSync(join(tmpdir(), "grader-class-units-"));

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}

describe("the fan-out workflow", () => {
  const committed = readFileSync(fanoutWorkflowFile, "utf8");
  const workflow = parse(committed) as { jobs: Record<string, { steps: Step[]; "timeout-minutes"?: number }> };
  const steps = Object.values(workflow.jobs).flatMap((job) => job.steps);

  it("is current: the committed file is what the exercises generate", () => {
    expect(committed === fanoutWorkflow(curriculum), "run `pnpm instructor generate` and commit it").toBe(true);
  });

  it("is a workflow GitHub accepts: its own parser finds no error", async () => {
    const parsed = await parsedByGitHub("grade-class.yml", committed);
    expect(parsed.errors).toEqual([]);
    expect(parsed.jobs).toEqual(["list", "fetch", "grade", "summary"]);
  });

  it("calls only commands that exist, with options they take", () => {
    const programs: Record<string, Command> = {
      instructor: instructorProgram(() => {}),
      grade: learnerProgram(() => {}),
    };
    const calls = steps.flatMap((step) => [
      ...(step.run ?? "").matchAll(/(?:pnpm (?:-s )?|node grader\/bin\/)(instructor|grade)(?:\.js)? ([\w-]+)([^\n]*)/g),
    ]);
    expect(calls.map((call) => call[2])).toEqual(["classroom-repos", "batch", "summary"]);
    for (const [, program, name, rest] of calls) {
      const command = programs[program as string]?.commands.find((c) => c.name() === name);
      expect(command, `pnpm ${program} ${name}`).toBeDefined();
      const known = new Set(command?.options.flatMap((option) => [option.long, option.short]));
      for (const flag of (rest ?? "").match(/--[\w-]+/g) ?? []) expect(known, `${name} ${flag}`).toContain(flag);
    }
  });

  it("installs before it runs the workshop's commands, and lets no grading step see a token", () => {
    for (const job of Object.values(workflow.jobs)) {
      const install = job.steps.findIndex((s) => s.run?.includes("pnpm install --frozen-lockfile"));
      const first = job.steps.findIndex((s) => /pnpm (-s )?instructor|grader\/bin\/instructor\.js/.test(s.run ?? ""));
      // The job that only clones runs none of the workshop's commands, and installs nothing.
      if (first === -1) continue;
      expect(install).toBeGreaterThan(-1);
      expect(install).toBeLessThan(first);
      for (const step of job.steps.filter((s) => s.uses?.startsWith("actions/checkout@"))) {
        expect(step.with?.["persist-credentials"]).toBe(false);
      }
    }
    const withToken = steps.filter((s) => Object.values(s.env ?? {}).some((v) => v.includes("secrets.")));
    expect(withToken.map((s) => s.name)).toEqual(["List them", "Clone the learner's repository"]);
    const clone = withToken[1]?.run ?? "";
    expect(clone).toMatch(/git -c "http\.extraHeader=Authorization: Basic \$auth" clone/);
    expect(clone).not.toMatch(/https:\/\/[^"]*\$TOKEN/);
  });

  it("gives a grading job time for every exercise, each regrade of a speedup, and the setup", () => {
    expect(workflow.jobs.grade?.["timeout-minutes"]).toBe(gradeJobMinutes(curriculum));
    const seconds = curriculum.reduce((sum, e) => sum + 2 * e.timeLimitSeconds, 0);
    expect(gradeJobMinutes(curriculum, 0)).toBe(Math.ceil(seconds / 60) + 10);
    expect(gradeJobMinutes(curriculum, 2)).toBeGreaterThan(gradeJobMinutes(curriculum, 0));
  });
});

describe("listing a GitHub Classroom assignment", () => {
  /** A stand-in for GitHub's API on 127.0.0.1: two pages of accepted assignments, as its documentation shows. */
  async function fakeGitHub(pages: unknown[][]) {
    const seen: { url: string; authorization: string }[] = [];
    const server = createServer((request, response) => {
      seen.push({ url: request.url ?? "", authorization: request.headers.authorization ?? "" });
      const page = Number(new URL(request.url ?? "", "http://x").searchParams.get("page"));
      if (!request.url?.startsWith("/assignments/42/")) response.writeHead(404).end("{}");
      else response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(pages[page - 1] ?? []));
    });
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
    const { port } = server.address() as { port: number };
    return { api: `http://127.0.0.1:${port}`, seen, close: () => server.close() };
  }
  const accepted = (login: string) => ({ students: [{ login }], repository: { full_name: `class/hw-${login}` } });

  it("follows the pages, and names each repository after its learner", async () => {
    const first = Array.from({ length: 100 }, (_, i) => accepted(`learner${String(i).padStart(3, "0")}`));
    const github = await fakeGitHub([
      first,
      [accepted("zoe"), { students: [{ login: "a" }, { login: "b" }], repository: { full_name: "class/hw-team" } }],
    ]);
    try {
      const repositories = await classroomRepositories("42", "secret", github.api);
      expect(repositories).toHaveLength(102);
      expect(repositories.at(-1)).toEqual({ learner: "zoe", repository: "class/hw-zoe" });
      expect(repositories).toContainEqual({ learner: "a+b", repository: "class/hw-team" });
      expect(github.seen.map((request) => request.url)).toEqual([
        "/assignments/42/accepted_assignments?per_page=100&page=1",
        "/assignments/42/accepted_assignments?per_page=100&page=2",
      ]);
      expect(github.seen[0]?.authorization).toBe("Bearer secret");
      await expect(classroomRepositories("7", "secret", github.api)).rejects.toThrow(/404 .*not an administrator/);
    } finally {
      github.close();
    }
  });

  it("says what is missing before it asks GitHub anything", async () => {
    await expect(classroomRepositories("42", undefined)).rejects.toThrow(/set GITHUB_TOKEN/);
    await expect(classroomRepositories("https://classroom.github.com/a/x", "t")).rejects.toThrow(UsageError);
  });
});

describe("a submission's zip", () => {
  it("unpacks as files, without node_modules", async () => {
    const folder = scratch();
    const zip = join(folder, "ada.zip");
    writeFileSync(
      zip,
      zipOf([
        { name: "repo-main/exercises/03-fibonacci/fibonacci.ts", content: "export {}", deflate: true },
        { name: "repo-main/node_modules/x/index.js", content: "huge" },
      ]),
    );
    await unpackZip(zip, join(folder, "out"));
    expect(readFileSync(join(folder, "out/repo-main/exercises/03-fibonacci/fibonacci.ts"), "utf8")).toBe("export {}");
    expect(() => readFileSync(join(folder, "out/repo-main/node_modules/x/index.js"))).toThrow();
  });

  it("refuses entries that climb out of the folder, zips too big to unpack, and files that are no zip", async () => {
    const folder = scratch();
    const write = (name: string, content: Buffer | string) => {
      writeFileSync(join(folder, name), content);
      return join(folder, name);
    };
    await expect(
      unpackZip(write("slip.zip", zipOf([{ name: "../../evil.ts", content: "x" }])), join(folder, "a")),
    ).rejects.toThrow(SubmissionError);
    const bomb = write("bomb.zip", zipOf([{ name: "big.txt", content: "0".repeat(100_000), deflate: true }]));
    await expect(unpackZip(bomb, join(folder, "b"), { entries: 10, bytes: 50_000 })).rejects.toThrow(
      /unpacks to more than/,
    );
    await expect(unpackZip(write("text.zip", "not a zip"), join(folder, "c"))).rejects.toThrow(/not a zip file/);
  });
});

describe("a regrade, merged", () => {
  const report = JSON.parse(readFileSync(fixture("class-results/grace.json"), "utf8")) as GradeReport;
  const pi = report.exercises.find((e) => e.id === "08-pi-split") as ExerciseResult;

  it("keeps one result: the latest verdict of each exercise, the totals counted again, every grading in the history", () => {
    const regrade: GradeReport = {
      ...report,
      run: { ...report.run, startedAt: "2026-12-01T00:00:00.000Z" },
      exercises: [{ ...pi, status: "passed", reason: "passed", review: undefined as never }],
    };
    const merged = mergeRegrade(report, regrade);
    expect(merged.exercises.map((e) => e.id)).toEqual(report.exercises.map((e) => e.id));
    expect(merged.exercises.find((e) => e.id === "08-pi-split")?.status).toBe("passed");
    expect(merged.summary).toMatchObject({ passed: report.summary.passed + 1, inconclusive: 0 });
    expect(merged.run).toEqual(report.run);
    expect(merged.history?.map((attempt) => attempt.run.startedAt)).toEqual([
      report.run.startedAt,
      "2026-12-01T00:00:00.000Z",
    ]);
    expect(inconclusiveIds(report)).toEqual(["08-pi-split"]);
    expect(inconclusiveIds(merged)).toEqual([]);
    const again = mergeRegrade(merged, regrade);
    expect(again.history).toHaveLength(3);
  });
});

describe("the simulated busy machine", () => {
  it("is off unless set, and refuses a setting it cannot read", () => {
    expect(simulatedBusyMachine({}, checkSpeedup)).toBeUndefined();
    expect(() => simulatedBusyMachine({ WORKSHOP_SIMULATE_BUSY: "ken" }, checkSpeedup)).toThrow(/learner:exercise-id/);
    const simulate = simulatedBusyMachine({ WORKSHOP_SIMULATE_BUSY: "ken:08-pi-split:2" }, checkSpeedup);
    expect(simulate?.("ada")).toBeUndefined();
    expect(simulate?.("ken")).toBeTypeOf("function");
  });
});

describe("a configuration above the grading trees", () => {
  it("does not reach a graded run: its judge sees only the workshop and the tree", async () => {
    // A real case: the temporary folder sits in a project whose tsconfig.json extends a package that is not there.
    // Practice runs read it (it is where their copy of a tree lies); a judge's view holds no folder above the tree.
    const temporary = scratch();
    writeFileSync(join(temporary, "tsconfig.json"), JSON.stringify({ extends: "@nowhere/tsconfig/base.json" }));
    const { report } = await gradeJsonWith(["--target", fixture("class/ken"), "1"], { TMPDIR: temporary });
    expect(report.exercises[0]).toMatchObject({ status: "passed", points: 5 });
  });
});

async function gradeJsonWith(args: string[], env: Record<string, string>) {
  const saved = { ...process.env };
  Object.assign(process.env, env);
  try {
    return await gradeJson(args);
  } finally {
    process.env = saved;
  }
}
