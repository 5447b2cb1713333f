// A verdict that differs between the learner's code run beside the tests and the same code judged across the
// sandbox's boundary is a bug: every reference solution, every mistake fixture and every hidden-test fixture must
// get the same verdict, for the same reason, with the same first message and place, both ways. Each tree is graded
// as a graded run is, hidden tests included, once in one process (--no-sandbox) and once sandboxed. One core is
// simulated, so that a speedup's structure is checked and no timing, which a busy machine moves, is involved.
import { describe, expect, it } from "vitest";
import type { ExerciseResult, GradeReport } from "../../src/result.ts";
import { fixture, gradeJson } from "../run-grader.ts";

const TREES = {
  "the reference solutions": fixture("../../../solutions"),
  "the mistake fixtures": fixture("mistakes"),
  "the hidden-test fixtures": fixture("hidden"),
};

/** What must be the same: the verdict, its reason, what the learner reads first, and where it points. */
function verdict(result: ExerciseResult) {
  return {
    id: result.id,
    status: result.status,
    reason: result.reason,
    firstLine: result.message.split("\n")[0],
    location: result.location ? `${result.location.file}:${result.location.line}:${result.location.column}` : "",
  };
}

/**
 * The mistakes' endless loops and promises that never settle wait out the limit, both ways: 10 s, as in
 * mistakes.e2e.test.ts, long enough for any of these trees to load on a busy machine.
 */
const LIMIT_SECONDS = "10";

async function graded(tree: string, sandboxed: boolean): Promise<GradeReport> {
  const args = ["--target", tree, "--timeout", LIMIT_SECONDS, ...(sandboxed ? [] : ["--no-sandbox"])];
  const { report } = await gradeJson(args, { WORKSHOP_CORES: "1" });
  return report;
}

describe("the same code, in one process and across the boundary", () => {
  for (const [name, tree] of Object.entries(TREES)) {
    it(`gets the same verdict and first message both ways: ${name}`, { timeout: 600_000 }, async () => {
      const inOneProcess = await graded(tree, false);
      const apart = await graded(tree, true);
      expect(inOneProcess.run.protection).toBe("unprotected");
      expect(apart.run.protection).toBe("sandboxed");
      expect(apart.exercises.map(verdict)).toEqual(inOneProcess.exercises.map(verdict));
    });
  }
});
