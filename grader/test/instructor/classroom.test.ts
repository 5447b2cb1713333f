// The GitHub Classroom workflow: current, valid, matching the metadata. (The class summary, its HTML report, a
// submission's layout and the diff against the solution are tested in class-*.test.ts.)
import { spawnSync } from "node:child_process";
import { readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { classroomWorkflow, classroomWorkflowFile, GRADER_CHECKOUT, pinnedPnpm } from "../../src/classroom/workflow.ts";
import { type Exercise, loadCurriculum } from "../../src/curriculum/load-curriculum.ts";
import { workshop } from "../../src/paths.ts";
import { copyWorkshop } from "../support/workshop-copy.ts";

const curriculum = loadCurriculum(workshop.exercises);

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
