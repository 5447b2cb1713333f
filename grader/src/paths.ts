import { fileURLToPath } from "node:url";

/** The workshop's root folder: the grader lives in `<root>/grader/src`. */
export const repoRoot = fileURLToPath(new URL("../../", import.meta.url)).replace(/\/$/, "");
/** The learner's tree, and the home of every exercise's tests, README and hints. */
export const exercisesDir = `${repoRoot}/exercises`;
/** The reference solutions, laid out like `exercises/`. */
export const solutionsDir = `${repoRoot}/solutions`;
/**
 * The learner's local progress and backups; gitignored, and rebuilt when missing. `WORKSHOP_STATE_DIR` moves
 * it (the grader's own tests use a temporary one, so they never touch a learner's progress).
 */
export const stateDir = process.env.WORKSHOP_STATE_DIR ?? `${repoRoot}/.workshop`;
/** The committed hashes of the pristine test files and starters. */
export const manifestFile = `${repoRoot}/grader/manifest.json`;

/** A path as a learner reads it: from the workshop's root when inside it, absolute otherwise. */
export function displayPath(file: string): string {
  return file.startsWith(`${repoRoot}/`) ? file.slice(repoRoot.length + 1) : file;
}
