import { fileURLToPath } from "node:url";

/** The workshop's root folder: the grader lives in `<root>/grader/src`. */
export const repoRoot = fileURLToPath(new URL("../../", import.meta.url)).replace(/\/$/, "");
/** The learner's tree, and the home of every exercise's tests, README and hints. */
export const exercisesDir = `${repoRoot}/exercises`;
/** The reference solutions, laid out like `exercises/`. */
export const solutionsDir = `${repoRoot}/solutions`;
/** The learner's local progress and backups; gitignored, and rebuilt when missing. */
export const stateDir = `${repoRoot}/.workshop`;
/** The committed hashes of the pristine test files and starters. */
export const manifestFile = `${repoRoot}/grader/manifest.json`;
