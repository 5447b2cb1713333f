// vitest's global setup for the grader's tests.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { workshop } from "../../src/paths.ts";
import { runningCommandLines } from "./command-lines.ts";

/**
 * Before: the run has a temporary folder of its own. After: no test process of this workshop's is left running,
 * and that folder is gone.
 */
export default function setup(): () => Promise<void> {
  const temporary = temporaryFolderForTheRun();
  return async () => {
    try {
      await checkNoTestProcessLeft();
    } finally {
      rmSync(temporary, { recursive: true, force: true });
    }
  };
}

/**
 * One folder for every temporary file of the run: the tests' copies of the workshop, their Gradescope layouts
 * and class folders, and what the graders they start make. The test workers and every process they start
 * inherit it as their temporary folder (TMPDIR; TEMP and TMP on Windows), so whatever a test forgets to remove
 * goes with the run, instead of filling the disk a few hundred megabytes a copy.
 */
function temporaryFolderForTheRun(): string {
  const folder = mkdtempSync(join(tmpdir(), "workshop-tests-"));
  for (const name of ["TMPDIR", "TEMP", "TMP"]) process.env[name] = folder;
  return folder;
}

/**
 * Every test process the grader starts must end with its grading, whatever the learner's code did: one left
 * running after the whole suite is a defect of the grader, named here.
 * Its command line holds this workshop's path, so another workshop's tests beside these are not counted.
 */
async function checkNoTestProcessLeft(): Promise<void> {
  const ours = () =>
    runningCommandLines().filter((line) => line.includes("vitest-child") && line.includes(workshop.exercises));
  // Generous: a process closed at the suite's very end takes a moment to exit.
  for (let waited = 0; waited < 10_000 && ours().length > 0; waited += 500) await sleep(500);
  const left = ours();
  if (left.length === 0) return;
  throw new Error(`test processes were left running after the grader's tests:\n${left.join("\n")}`);
}
