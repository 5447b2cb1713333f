import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import type { Exercise } from "./curriculum.ts";
import { CurriculumError } from "./errors.ts";
import { repoRoot } from "./paths.ts";
import type { ExerciseResult } from "./result.ts";

/**
 * The committed fingerprints of the pristine test files and starters, by path from the repository root.
 * They are git blob ids, so the original content of a starter can be read back from git's object store
 * (`git cat-file blob <id>`) for `--reset`, even after the learner committed their own version over it.
 */
export interface Manifest {
  version: 1;
  files: Record<string, string>;
}

/** The id git gives a file's content: sha1 of "blob <bytes>\0<content>". */
export function gitBlobId(content: Buffer): string {
  return createHash("sha1").update(`blob ${content.length}\0`).update(content).digest("hex");
}

/** The manifest the curriculum has now: every exercise's test file and starter code files. */
export function buildManifest(curriculum: Exercise[]): Manifest {
  const files: Record<string, string> = {};
  for (const exercise of curriculum) {
    for (const file of [exercise.testFile, ...exercise.codeFiles.map((name) => join(exercise.dir, name))]) {
      files[relative(repoRoot, file)] = gitBlobId(readFileSync(file));
    }
  }
  return { version: 1, files };
}

export function readManifest(file: string): Manifest {
  if (!existsSync(file)) {
    throw new CurriculumError(`${file} is missing. Regenerate it with \`pnpm --filter @workshop/grader manifest\`.`);
  }
  return JSON.parse(readFileSync(file, "utf8")) as Manifest;
}

export function writeManifest(file: string, manifest: Manifest): void {
  writeFileSync(file, `${JSON.stringify(manifest, null, 2)}\n`);
}

/** Is the test file of `exercise` still the one the curriculum shipped? Undefined when it is. */
export function testFileChange(exercise: Exercise, manifest: Manifest): string | undefined {
  const path = relative(repoRoot, exercise.testFile);
  const expected = manifest.files[path];
  if (expected === undefined) return `${path} is not in the test manifest`;
  if (!existsSync(exercise.testFile)) return `${path} is missing`;
  return gitBlobId(readFileSync(exercise.testFile)) === expected ? undefined : `${path} was modified`;
}

/** A changed test file is a warning while learning, and a failure with `--ci`, where grades count. */
export function applyTestManifest(result: ExerciseResult, exercise: Exercise, manifest: Manifest, ci: boolean): void {
  const change = testFileChange(exercise, manifest);
  if (!change) return;
  if (ci) {
    result.status = "failed";
    result.points = 0;
    result.message = `${change}: in CI the tests must be the ones the workshop shipped. Restore it with git.`;
  } else {
    result.warnings.push(`${change}; the grade uses your copy. In CI (--ci) this exercise would fail.`);
  }
}
