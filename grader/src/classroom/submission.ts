import { copyFileSync, mkdirSync, readFileSync } from "node:fs";
import { dirname, join, posix } from "node:path";
import type { Exercise } from "../curriculum/load-curriculum.ts";
import { gitBlobId, type Manifest, manifestPath } from "../manifest.ts";
import { filesUnder } from "../tree/files-under.ts";
import { learnerCode } from "../tree/learner-code.ts";

/** Where one file of a submission was found (`from`, relative to the submission), or that it was not. */
export interface SubmittedFile {
  exercise: string;
  name: string;
  from?: string;
}

/**
 * Folders no learner's code lives in: packages and history, which can be huge, and the reference solutions and
 * hidden tests, which a repository made from the instructor's edition would hold (never graded as the learner's).
 */
const IGNORED = new Set(["node_modules", ".git", ".workshop", "solutions", "hidden"]);

/**
 * Finds a learner's code in a submission and copies it into `into`, laid out like exercises/, for the grader
 * to grade with `--target`. A submission may be a whole repository (`exercises/NN-slug/...`, at any depth, e.g.
 * inside a downloaded zip's folder), the exercises folder (`NN-slug/...`), or loose files (`file.ts`, for a
 * name only one exercise uses). From an exercise's folder come its learner files and every helper module beside
 * them; never a test, a tsconfig.json or a package.json, so that only the learner's code is graded, with the
 * workshop's tests and settings. A file not found is left out, and the grade says it is missing.
 */
export function copySubmission(submissionDir: string, curriculum: Exercise[], into: string): SubmittedFile[] {
  const files = listFiles(submissionDir);
  const owners = new Map<string, number>();
  for (const name of curriculum.flatMap((e) => e.files.learner)) owners.set(name, (owners.get(name) ?? 0) + 1);
  return curriculum.flatMap((exercise) => {
    const folder = exerciseFolder(files, exercise.id);
    const names =
      folder === undefined ? exercise.files.learner : learnerCode(join(submissionDir, folder, ".."), exercise);
    return names.map((name) => {
      const inFolder = folder === undefined ? undefined : posix.join(folder, name);
      const from =
        inFolder && files.includes(inFolder) ? inFolder : owners.get(name) === 1 ? looseFile(files, name) : undefined;
      if (!from) return { exercise: exercise.id, name };
      mkdirSync(dirname(join(into, exercise.id, name)), { recursive: true });
      copyFileSync(join(submissionDir, from), join(into, exercise.id, name));
      return { exercise: exercise.id, name, from };
    });
  });
}

/**
 * The workshop's tests and given files that a submission holds in a changed form, in words, by exercise id. The
 * grade never runs them (the tests come from the workshop), but a changed test is tampering, and is named.
 * Files the submission leaves out are no change: a learner may hand in their code alone.
 */
export function changedShippedFiles(
  submissionDir: string,
  curriculum: Exercise[],
  manifest: Manifest,
): Map<string, string[]> {
  const files = listFiles(submissionDir);
  const changes = new Map<string, string[]>();
  for (const exercise of curriculum) {
    const folder = exerciseFolder(files, exercise.id);
    const found: string[] = [];
    for (const name of [exercise.files.test, ...exercise.files.given]) {
      const inFolder = folder === undefined ? undefined : posix.join(folder, name);
      // A loose given file may be another exercise's learner file of the same name (09 gives 06's async-timer.ts).
      const loose = name === exercise.files.test ? looseFile(files, name) : undefined;
      const from = inFolder && files.includes(inFolder) ? inFolder : loose;
      if (!from) continue;
      const shipped = manifest.files[manifestPath(join(exercise.dir, name))];
      if (gitBlobId(readFileSync(join(submissionDir, from))) === shipped) continue;
      found.push(`the submission's ${from} differs from the workshop's ${exercise.id}/${name}`);
    }
    if (found.length > 0) changes.set(exercise.id, found);
  }
  return changes;
}

/** The submission's folder of an exercise: one under `exercises/` first, then the shallowest. */
export function exerciseFolder(files: string[], id: string): string | undefined {
  const folders = new Set(
    files.flatMap((file) => {
      const parts = file.split("/");
      const at = parts.indexOf(id);
      return at >= 0 && at < parts.length - 1 ? [parts.slice(0, at + 1).join("/")] : [];
    }),
  );
  const rank = (folder: string) => (folder.split("/").at(-2) === "exercises" ? 0 : 1);
  return [...folders].sort((a, b) => rank(a) - rank(b) || a.split("/").length - b.split("/").length)[0];
}

function looseFile(files: string[], name: string): string | undefined {
  const loose = files.filter((file) => posix.basename(file) === name);
  return loose.length === 1 ? loose[0] : undefined;
}

/** Every file of a submission, as paths from it with `/` separators, but for what is never the learner's work. */
export function listFiles(dir: string): string[] {
  return filesUnder(dir, (folder) => IGNORED.has(folder));
}
