import { relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(fileURLToPath(new URL("../../", import.meta.url)));

/**
 * The workshop this grader belongs to: the grader lives in `<root>/grader/src`. Its exercises folder holds the
 * curriculum (exercise.json, tests, hints, given files); in a learner's own runs it is also their work.
 */
export const workshop = {
  root,
  exercises: resolve(root, "exercises"),
  /** The reference solutions, laid out like `exercises/` (the instructor's edition only). */
  solutions: resolve(root, "solutions"),
  /** The committed hashes of the shipped tests, given files and starters. */
  manifest: resolve(root, "grader", "manifest.json"),
  /**
   * The learner's local progress and backups; gitignored, and rebuilt when missing. `WORKSHOP_STATE_DIR` moves
   * it (the grader's own tests use a temporary one, so they never touch a learner's progress).
   */
  state: resolve(process.env.WORKSHOP_STATE_DIR ?? resolve(root, ".workshop")),
};

/** A path as a learner reads it: from the workshop's root with `/` when inside it, as it is otherwise. */
export function displayPath(file: string): string {
  const inside = relative(root, file);
  return inside.startsWith("..") || inside === "" || resolve(root, inside) !== resolve(file)
    ? file
    : inside.split(sep).join("/");
}

/** A backup folder's name: the time now, sortable, and valid on every system (no `:`). */
export function backupName(now = new Date()): string {
  return now.toISOString().replace(/[:.]/g, "-");
}
