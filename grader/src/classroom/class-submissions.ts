import { existsSync, readdirSync, statSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import type { Exercise } from "../curriculum/load-curriculum.ts";
import { UsageError } from "../errors.ts";

/** One learner's submission in a class folder: a folder (a clone, an exercises/ folder, loose files) or a zip. */
export interface Submission {
  /** The learner, as the results name them: the folder's name, or the zip's without `.zip`. */
  name: string;
  path: string;
  zip: boolean;
}

/** The name of the batch's own record in a results folder (see batch-record.ts): no learner may have it. */
export const BATCH_RECORD = "_batch";
/** The results keep names that start with this for themselves (`_batch.json`, `_code/`): no learner's may. */
const RESERVED = "_";

function reservedName(entry: string): NotGraded {
  return { name: entry, problem: `${entry}: the results keep names starting with "_" for themselves; rename it` };
}

/**
 * Whether a folder is one learner's submission rather than a class of them: it holds an exercise's folder, an
 * exercises/ folder of them, or a learner file. A class folder holds learners' folders and zips. (A .git proves
 * nothing: an instructor may keep a class folder in git.)
 */
export function isOneSubmission(dir: string, curriculum: Exercise[]): boolean {
  const entries = new Set(readdirSync(dir));
  const ids = curriculum.map((exercise) => exercise.id);
  if (ids.some((id) => entries.has(id))) return true;
  if (curriculum.some((exercise) => exercise.files.learner.some((name) => entries.has(name)))) return true;
  const exercises = join(dir, "exercises");
  return (
    entries.has("exercises") &&
    statSync(exercises).isDirectory() &&
    readdirSync(exercises).some((name) => ids.includes(name))
  );
}

/** A submission given by its path (`grade-submission`), named after its folder or zip. */
export function submissionAt(given: string): Submission {
  const path = resolve(given);
  if (!existsSync(path)) {
    throw new UsageError(`${given}: there is no submission at ${path}. Give a learner's folder or zip.`);
  }
  const zip = statSync(path).isFile() && path.toLowerCase().endsWith(".zip");
  if (!zip && !statSync(path).isDirectory()) {
    throw new UsageError(`${given} is neither a folder nor a .zip: give a learner's folder or zip.`);
  }
  return { name: zip ? basename(path).slice(0, -4) : basename(path), path, zip };
}

/**
 * The submissions in a class folder, one per entry, in name order, and the entries that are not one (a stray
 * file, a name the results folder keeps for itself), each said in words. Hidden entries (`.DS_Store`, `.git`)
 * are no one's. A folder that is itself one learner's submission (`submissions/ada`: a clone, an exercises/
 * folder, loose files), or one learner's zip, is that learner alone, so that one learner can be graded again
 * inside a class.
 */
export function classSubmissions(
  folder: string,
  curriculum: Exercise[],
): { submissions: Submission[]; skipped: NotGraded[] } {
  const dir = resolve(folder);
  const zip = existsSync(dir) && statSync(dir).isFile() && dir.toLowerCase().endsWith(".zip");
  if (!zip && (!existsSync(dir) || !statSync(dir).isDirectory())) {
    throw new UsageError(
      `${folder}: there is no folder at ${dir}. Give the folder that holds one submission per learner.`,
    );
  }
  if (zip || isOneSubmission(dir, curriculum)) {
    const one = submissionAt(dir);
    return one.name.startsWith(RESERVED)
      ? { submissions: [], skipped: [reservedName(one.name)] }
      : { submissions: [one], skipped: [] };
  }
  const submissions: Submission[] = [];
  const skipped: NotGraded[] = [];
  for (const entry of readdirSync(dir).sort((a, b) => a.localeCompare(b))) {
    if (entry.startsWith(".")) continue;
    const path = join(dir, entry);
    const stat = statSync(path, { throwIfNoEntry: false });
    const zip = Boolean(stat?.isFile() && entry.toLowerCase().endsWith(".zip"));
    const name = zip ? entry.slice(0, -4) : entry;
    if (!stat || (!zip && !stat.isDirectory())) {
      skipped.push({ name: entry, problem: `${entry} is neither a folder nor a .zip (or it points nowhere)` });
    } else if (name.startsWith(RESERVED)) {
      skipped.push(reservedName(entry));
    } else submissions.push({ name, path, zip });
  }
  if (submissions.length === 0 && skipped.length === 0) {
    throw new UsageError(`${folder} is empty: put one folder or zip per learner in it.`);
  }
  return { submissions, skipped };
}

/** A submission the batch could not grade, and why, in words. */
export interface NotGraded {
  name: string;
  problem: string;
}
