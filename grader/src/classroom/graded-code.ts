import { cpSync, existsSync, readdirSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";

/**
 * Where a class batch keeps each learner's code as it was graded, beside their results:
 * `<results>/_code/<learner>/NN-slug/<file>`. The class summary compares the class's code from it (similarity/),
 * and `pnpm instructor diff` reads it as any submission: what was graded, whatever shape was handed in (a zip, the
 * last commit before the due date), without the submissions folder at hand.
 */
export const GRADED_CODE = "_code";

/** Replaces what was kept of `learner`'s code with `tree`, the folder their grading ran on. */
export function keepGradedCode(resultsDir: string, learner: string, tree: string): void {
  const kept = join(resultsDir, GRADED_CODE, learner);
  rmSync(kept, { recursive: true, force: true });
  cpSync(tree, kept, { recursive: true });
}

/** Drops what was kept of `learner`'s code: a submission that could not be graded this time has no graded code. */
export function dropGradedCode(resultsDir: string, learner: string): void {
  rmSync(join(resultsDir, GRADED_CODE, learner), { recursive: true, force: true });
}

/** The learners whose graded code `resultsDir` keeps, of those named, each with its folder. */
export function gradedCodeOf(resultsDir: string, learners: string[]): { name: string; tree: string }[] | undefined {
  const folder = join(resultsDir, GRADED_CODE);
  if (!existsSync(folder) || !statSync(folder).isDirectory()) return undefined;
  const kept = new Set(readdirSync(folder));
  return learners.filter((name) => kept.has(name)).map((name) => ({ name, tree: join(folder, name) }));
}
