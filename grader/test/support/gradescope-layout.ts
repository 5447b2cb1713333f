import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { GradescopeResults } from "../../src/report/gradescope.ts";
import { copyWorkshop } from "./workshop-copy.ts";

/**
 * Lays out Gradescope's folders for one submission (the workshop, the instructor's edition, in source/workshop;
 * the learner's files in submission/), runs run_autograder there as Gradescope does (AUTOGRADER_ROOT moves
 * /autograder), and reads its results.json.
 */
export function autograde(submission: string, env: Record<string, string> = {}) {
  const folder = mkdtempSync(join(tmpdir(), "gradescope-"));
  mkdirSync(join(folder, "source"));
  renameSync(copyWorkshop(), join(folder, "source/workshop"));
  cpSync(submission, join(folder, "submission"), { recursive: true });
  writeFileSync(join(folder, "submission_metadata.json"), JSON.stringify({ created_at: new Date().toISOString() }));
  const resultsFile = join(folder, "results/results.json");
  const run = spawnSync("/bin/bash", [join(folder, "source/workshop/grader/gradescope/run_autograder")], {
    env: { ...process.env, NO_COLOR: "1", AUTOGRADER_ROOT: folder, ...env },
    encoding: "utf8",
  });
  const text = () => readFileSync(resultsFile, "utf8");
  const read = () => JSON.parse(text()) as GradescopeResults;
  return { run, resultsFile, read, text };
}

/** One exercise's entry in Gradescope's results. */
export function gradescopeExercise(results: GradescopeResults, id: string) {
  return results.tests.find((test) => test.name?.startsWith(id));
}
