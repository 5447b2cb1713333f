// Attack class: secrets in the workflow. In both Classroom workflows, no job that runs the grader or has a
// learner's code to run holds a secret, a token or a permission beyond reading; the jobs that hold them run
// nothing of a learner's; the code and the results travel between them as artifacts; and on a grading runner the
// sandbox is ready, and the runner's ways to root are closed, before any learner's code is there.
// docs/classroom-jobs.md says the same in words.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { fanoutWorkflowFile } from "../../src/classroom/fanout-workflow.ts";
import { classroomWorkflowFile } from "../../src/classroom/workflow.ts";
import { parsedByGitHub } from "../support/github-workflow.ts";

interface Step {
  name?: string;
  if?: string;
  id?: string;
  uses?: string;
  run?: string;
  "working-directory"?: string;
  with?: Record<string, string | number | boolean>;
  env?: Record<string, string>;
}
interface Job {
  permissions?: Record<string, string>;
  steps: Step[];
}
interface Workflow {
  permissions?: Record<string, string>;
  jobs: Record<string, Job>;
}

const read = (file: string) => parse(readFileSync(file, "utf8")) as Workflow;
/** Each workflow, with the step at which a learner's code first reaches a job's runner. */
const workflows = {
  "classroom.yml": {
    workflow: read(classroomWorkflowFile),
    // The learner's own repository, checked out: the checkout that names no other repository.
    arrives: (step: Step) => step.uses?.startsWith("actions/checkout@") === true && !step.with?.repository,
  },
  "grade-class.yml": {
    workflow: read(fanoutWorkflowFile),
    // A learner's repository, cloned with the token, or received as an artifact.
    arrives: (step: Step) =>
      /\bgit\b.* clone /.test(step.run ?? "") ||
      (step.uses?.startsWith("actions/download-artifact@") === true &&
        String(step.with?.name).startsWith("submission-")),
  },
};

/** A step that runs the grader: grading, or comparing a learner's files with the template's. */
const runsGrader = (step: Step) =>
  /grader\/bin\/grade\.js|grader\/bin\/instructor\.js (batch|grade-submission|protected-changes)|pnpm (-s )?instructor (batch|grade-submission)/.test(
    step.run ?? "",
  ) || step.uses?.startsWith("classroom-resources/autograding-command-grader@") === true;

/** What in a job could hand a secret to what runs there: secrets, GitHub's token, or permissions beyond reading. */
function privileges(job: Job): string[] {
  const text = JSON.stringify(job.steps);
  const found = [...text.matchAll(/secrets\.\w+|github\.token|GITHUB_TOKEN/g)].map((match) => match[0]);
  for (const [scope, level] of Object.entries(job.permissions ?? {})) {
    if (!(scope === "contents" && level === "read")) found.push(`permissions ${scope}: ${level}`);
  }
  return found;
}

/** The programs a job runs once a learner's code is on its runner, with the actions it uses. */
function afterArrival(job: Job, arrives: (step: Step) => boolean): string[] {
  const from = job.steps.findIndex(arrives);
  if (from === -1) return [];
  return job.steps.slice(from + 1).map((step) => step.uses?.replace(/@.*/, "") ?? commands(step.run ?? ""));
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** The commands of a shell script, by the first word of each of its lines. */
const commands = (script: string) =>
  script
    .split("\n")
    .map((line) => line.trim().split(/\s+/)[0])
    .join(" ");

describe.each(Object.entries(workflows))("%s", (name, { workflow, arrives }) => {
  const jobs = Object.entries(workflow.jobs);

  it("is a workflow GitHub accepts: its own parser finds no error", async () => {
    // The parser's schema spells the string form of `repository_dispatch` as "branch_protection_rule" (its
    // `repository-dispatch-string`), so it refuses `on: [repository_dispatch]`, which GitHub runs and GitHub
    // Classroom's own workflows use to grade again on demand: that one line is left out of what it checks.
    const content = readFileSync(name === "classroom.yml" ? classroomWorkflowFile : fanoutWorkflowFile, "utf8").replace(
      /^ {2}- repository_dispatch\n/m,
      "",
    );
    const parsed = await parsedByGitHub(name, content);
    expect(parsed.errors).toEqual([]);
    expect(parsed.jobs).toEqual(Object.keys(workflow.jobs));
  });

  it("gives no job a permission it does not ask for, and every job asks for its own", () => {
    expect(workflow.permissions).toEqual({});
    for (const [name, job] of jobs) expect(job.permissions, name).toBeDefined();
  });

  it("has no secret, token or permission beyond reading in a job that runs the grader or a learner's code", () => {
    const grading = jobs.filter(([, job]) => job.steps.some(runsGrader));
    expect(grading.length).toBeGreaterThan(0);
    for (const [name, job] of grading) expect(privileges(job), name).toEqual([]);
    // A job where a learner's code arrives and that holds anything only packs it and hands it on.
    for (const [name, job] of jobs) {
      if (job.steps.some(arrives) && privileges(job).length > 0) {
        expect(afterArrival(job, arrives), `${name} holds ${privileges(job).join(", ")}`).toEqual([
          "tar",
          "actions/upload-artifact",
        ]);
      }
    }
  });

  it("lets no job that holds a secret or a token run the grader", () => {
    for (const [name, job] of jobs.filter(([, job]) => privileges(job).length > 0)) {
      expect(
        job.steps.filter(runsGrader).map((step) => step.name),
        name,
      ).toEqual([]);
    }
  });

  it("installs the sandbox and closes the runner's ways to root before a learner's code can run", () => {
    for (const [name, job] of jobs.filter(([, job]) => job.steps.some(runsGrader))) {
      const step = (pattern: RegExp) => job.steps.findIndex((s) => pattern.test(s.run ?? ""));
      const sandbox = step(/apt-get install .*bubblewrap/);
      const userNamespaces = step(/sysctl -w kernel\.apparmor_restrict_unprivileged_userns=0/);
      const noRoot = step(/!ALL.*sudoers\.d/);
      const firstGrading = job.steps.findIndex(runsGrader);
      expect(Math.min(sandbox, userNamespaces, noRoot), name).toBeGreaterThan(-1);
      expect(Math.max(sandbox, userNamespaces, noRoot), name).toBeLessThan(firstGrading);
      expect(job.steps[noRoot]?.run, "it checks that sudo is gone").toContain("if sudo -n true");
      expect(job.steps[noRoot]?.run).toMatch(/systemctl stop docker/);
      // npm reads an .npmrc in the folder it runs in: never the learner's.
      const arrival = job.steps.findIndex(arrives);
      for (const install of job.steps.filter((s) => /\bnpm install\b/.test(s.run ?? ""))) {
        if (arrival !== -1 && job.steps.indexOf(install) > arrival) {
          expect(install["working-directory"], `${name}: ${install.name}`).toBe("${{ runner.temp }}");
        }
      }
    }
  });

  it("moves code and results between jobs as artifacts that one job uploads and a later one downloads", () => {
    const uploads = jobs.flatMap(([name, job]) =>
      job.steps.filter((s) => s.uses?.startsWith("actions/upload-artifact@")).map((s) => ({ name, with: s.with })),
    );
    for (const [name, job] of jobs) {
      for (const download of job.steps.filter((s) => s.uses?.startsWith("actions/download-artifact@"))) {
        const wanted = String(download.with?.name ?? download.with?.pattern ?? "");
        const pattern = new RegExp(`^${wanted.split("*").map(escapeRegExp).join(".*")}$`);
        const from = uploads.find((u) => pattern.test(String(u.with?.name)));
        expect(from, `${name} downloads ${wanted}`).toBeDefined();
        expect(from?.name).not.toBe(name);
      }
    }
  });
});

describe("the fan-out workflow's grading job", () => {
  const grade = workflows["grade-class.yml"].workflow.jobs.grade as Job;

  it("grades with the workshop's tests and hidden tests, after the answers have left the runner", () => {
    const names = grade.steps.map((s) => s.name);
    const leaveOut = grade.steps.find((s) => s.name === "Leave the answers out");
    expect(leaveOut?.run).toBe("rm -rf solutions grader/test/fixtures .git");
    expect(names.indexOf("Leave the answers out")).toBeLessThan(names.indexOf("Receive the learner's repository"));
    expect(leaveOut?.run).not.toMatch(/hidden/);
    expect(grade.steps[0]?.uses).toBe("actions/checkout@v4");
    expect(grade.steps[0]?.with?.["persist-credentials"]).toBe(false);
  });
});

describe("the Classroom workflow's reporting job", () => {
  const report = workflows["classroom.yml"].workflow.jobs.report as Job;

  it("may write checks to send the points, and runs nothing but the reading of the results and the reporter", () => {
    expect(report.permissions).toEqual({ checks: "write", actions: "read", contents: "read" });
    expect(report.steps.map((s) => s.uses?.replace(/@.*/, "") ?? commands(s.run ?? ""))).toEqual([
      "actions/download-artifact",
      "for result=$(cat if echo else echo fi done",
      "classroom-resources/autograding-grading-reporter",
    ]);
  });
});
