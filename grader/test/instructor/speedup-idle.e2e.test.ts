// The speedup check can say "passed". Every other test accepts "inconclusive" for a correct split, because a busy
// machine makes it so; a check that always came out inconclusive would pass them all. Here the reference split
// of 08 is measured on a machine left to it (this file runs alone, after the other end-to-end files: see
// vitest.config.ts), and must pass within a few tries. Where the grader's cores cannot be timed (one core, or
// WORKSHOP_CORES above the machine's), it must say so instead, with the structure checked.
import { describe, expect, it } from "vitest";
import { findExercise, loadCurriculum } from "../../src/curriculum/load-curriculum.ts";
import { graderCores, machineCores } from "../../src/machine.ts";
import { workshop } from "../../src/paths.ts";
import type { SpeedupReport } from "../../src/result.ts";
import { checkSpeedup } from "../../src/speedup/check-speedup.ts";
import { untimedReason } from "../../src/speedup/timing-rules.ts";
import { treeInPlace } from "../../src/tree/grading-tree.ts";

/** Tries before the check counts as never passing: a stray burst of another process spoils one, not three. */
const TRIES = 3;
const untimed = untimedReason(graderCores(), machineCores());

async function checkReferenceSplit(): Promise<SpeedupReport> {
  const exercise = findExercise(loadCurriculum(workshop.exercises), "08");
  const report = await checkSpeedup(exercise, treeInPlace(workshop.solutions));
  if (!report) throw new Error("the check was cancelled");
  return report;
}

describe(`the speedup check of 08's reference split on an idle machine (${graderCores()} cores)`, () => {
  it.runIf(untimed === undefined)(`passes, with the speedup it measured, within ${TRIES} tries`, async () => {
    const verdicts: string[] = [];
    for (let attempt = 1; attempt <= TRIES; attempt++) {
      const report = await checkReferenceSplit();
      verdicts.push(`${report.verdict}: ${report.reason}`);
      expect(report.verdict, report.reason).not.toBe("failed");
      if (report.verdict !== "passed") continue;
      expect(report.measured).toBeGreaterThanOrEqual(report.required);
      return;
    }
    expect.fail(`the reference split never passed in ${TRIES} tries:\n${verdicts.join("\n")}`);
  });

  it.runIf(untimed !== undefined)(
    "checks the structure, says why it was not timed, and passes nothing on time",
    async () => {
      const report = await checkReferenceSplit();
      expect(report).toMatchObject({ verdict: "structure-only", reason: untimed, windows: 0 });
    },
  );
});
