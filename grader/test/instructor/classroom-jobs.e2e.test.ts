// The fan-out workflow's grading job, as its steps are written: the answers leave the runner, the learner's
// repository arrives as the artifact the fetching job packed, and the grading still runs the hidden tests and
// writes the result the summary job reads. The steps that need GitHub (checkout, artifacts, apt, sudo) are
// played here by the test; every `run:` step of the job's grading is run as written, in a copy of the workshop.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { fanoutWorkflowFile } from "../../src/classroom/fanout-workflow.ts";
import type { GradeReport } from "../../src/result.ts";
import { fixture } from "../run-grader.ts";
import { copyWorkshop } from "../support/workshop-copy.ts";

interface Step {
  name?: string;
  run?: string;
  env?: Record<string, string>;
}
const workflow = parse(readFileSync(fanoutWorkflowFile, "utf8")) as { jobs: Record<string, { steps: Step[] }> };
const step = (job: string, name: string) => {
  const found = workflow.jobs[job]?.steps.find((s) => s.name === name);
  if (!found?.run) throw new Error(`grade-class.yml has no step "${name}" in its ${job} job`);
  return found.run;
};

describe("a learner's grading job in the fan-out workflow", () => {
  it("grades the packed repository with the hidden tests, after the answers have left", { timeout: 600_000 }, () => {
    const workspace = copyWorkshop();
    const runnerTemp = mkdtempSync(join(tmpdir(), "runner-temp-"));
    // One core: no speedup is timed, so nothing here depends on how busy the machine is.
    const env = {
      ...process.env,
      RUNNER_TEMP: runnerTemp,
      LEARNER: "ada",
      DUE: "",
      REGRADES: "0",
      WORKSHOP_CORES: "1",
    };
    const bash = (script: string, cwd: string) => {
      const ran = spawnSync("bash", ["-e", "-c", script], { cwd, env, encoding: "utf8" });
      expect(ran.status, `${script}\n${ran.stdout}\n${ran.stderr}`).toBe(0);
      return ran;
    };
    try {
      // The fetching job: its packing, of the learner's repository where its clone step leaves it.
      const fetchRunner = join(runnerTemp, "fetch");
      mkdirSync(fetchRunner);
      symlinkSync(fixture("class"), join(fetchRunner, "submissions"));
      bash(step("fetch", "Pack it"), fetchRunner);
      bash(`mv submission.tar "$RUNNER_TEMP/"`, fetchRunner);

      bash(step("grade", "Leave the answers out"), workspace);
      for (const gone of ["solutions", "grader/test/fixtures", ".git"])
        expect(existsSync(join(workspace, gone))).toBe(false);
      bash(step("grade", "Unpack it"), workspace);
      bash(step("grade", "Grade"), workspace);
      bash(step("grade", "Name the batch's record after the learner"), workspace);

      const report = JSON.parse(readFileSync(join(workspace, "results/ada.json"), "utf8")) as GradeReport;
      expect(report.exercises.map((e) => e.id).slice(0, 3)).toEqual(["01-integers", "02-even-numbers", "03-fibonacci"]);
      // ada's fixture: 01 solved, a syntax error in 02, a failing 03 (as class-batch.test.ts grades her).
      expect(report.exercises.slice(0, 3).map((e) => e.status)).toEqual(["passed", "failed", "failed"]);
      const hidden = report.exercises[0]?.tests.filter((test) => test.hidden) ?? [];
      expect(hidden.length, "the hidden tests stay on the grading runner").toBeGreaterThan(0);
      expect(existsSync(join(workspace, "results/_batch-ada.json"))).toBe(true);
    } finally {
      rmSync(workspace, { recursive: true, force: true });
      rmSync(runnerTemp, { recursive: true, force: true });
    }
  });
});
