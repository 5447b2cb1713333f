import { copyFileSync, readdirSync } from "node:fs";
import { join, posix, relative } from "node:path";
import type { Exercise } from "../curriculum.ts";

/** Where one code file of a submission was found (`from`, relative to the submission), or that it was not. */
export interface SubmittedFile {
  exercise: string;
  name: string;
  from?: string;
}

/**
 * Folders no learner's code lives in: packages and history, which can be huge, and the reference solutions,
 * which a repository made from the workshop's template holds too (never graded in place of missing work).
 */
const IGNORED = new Set(["node_modules", ".git", ".workshop", "solutions"]);

/**
 * Finds, in a learner's submission, each code file the curriculum names, and copies it over the starter in
 * `exercisesDir`. Only those files: never a test, so a learner cannot grade themselves with their own tests.
 * A submission may be the whole repository (`exercises/NN-slug/file.ts`, at any depth, e.g. inside the folder
 * of a downloaded zip), the exercises folder (`NN-slug/file.ts`), or loose files (`file.ts`, for a name only
 * one exercise uses). A file not found keeps its starter, which grades as not started.
 */
export function copySubmission(submissionDir: string, curriculum: Exercise[], exercisesDir: string): SubmittedFile[] {
  const files = listFiles(submissionDir);
  const owners = new Map<string, number>();
  for (const name of curriculum.flatMap((e) => e.codeFiles)) owners.set(name, (owners.get(name) ?? 0) + 1);
  return curriculum.flatMap((exercise) =>
    exercise.codeFiles.map((name) => {
      const from = locate(files, exercise.id, name, owners.get(name) === 1);
      if (from) copyFileSync(join(submissionDir, from), join(exercisesDir, exercise.id, name));
      return from ? { exercise: exercise.id, name, from } : { exercise: exercise.id, name };
    }),
  );
}

function locate(files: string[], id: string, name: string, uniqueName: boolean): string | undefined {
  const inFolder = files.filter((file) => file === `${id}/${name}` || file.endsWith(`/${id}/${name}`));
  // A file under `exercises/` beats one in any other folder (a stray copy), then the shallowest wins.
  const ranked = inFolder.sort((a, b) => rank(a) - rank(b) || depth(a) - depth(b));
  if (ranked[0]) return ranked[0];
  if (!uniqueName) return undefined;
  const loose = files.filter((file) => posix.basename(file) === name);
  return loose.length === 1 ? loose[0] : undefined;
}

function depth(file: string): number {
  return file.split("/").length;
}

function rank(file: string): number {
  return file.split("/").at(-3) === "exercises" ? 0 : 1;
}

/** Every file under `dir`, as a path relative to it with `/` separators. */
function listFiles(dir: string): string[] {
  const found: string[] = [];
  const walk = (current: string) => {
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      const path = join(current, entry.name);
      if (entry.isDirectory() && !IGNORED.has(entry.name)) walk(path);
      else if (entry.isFile()) found.push(relative(dir, path).split("\\").join("/"));
    }
  };
  walk(dir);
  return found;
}
