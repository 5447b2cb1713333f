import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import type { Exercise } from "./curriculum/load-curriculum.ts";
import { CurriculumError } from "./errors.ts";
import { displayPath, workshop } from "./paths.ts";

/**
 * The committed fingerprints of what the workshop ships: each exercise's tests, given files and starters, by
 * path from the workshop's root. They are git blob ids, so the original of a starter can be read back from
 * git's object store (`git cat-file blob <id>`) for a reset, even after the learner committed over it.
 */
export interface Manifest {
  version: 2;
  files: Record<string, string>;
}

/** The id git gives a file's content: sha1 of "blob <bytes>\0<content>". */
export function gitBlobId(content: Buffer | string): string {
  const bytes = typeof content === "string" ? Buffer.from(content) : content;
  return createHash("sha1").update(`blob ${bytes.length}\0`).update(bytes).digest("hex");
}

/** The manifest key of a file of the workshop: its path from the root, with `/`. */
export function manifestPath(file: string, root = workshop.root): string {
  return relative(root, file).split(sep).join("/");
}

/** Every file an exercise ships, by the role its exercise.json gives it. */
export function shippedFiles(exercise: Exercise): string[] {
  const { learner, given, test, hidden } = exercise.files;
  return [...learner, ...given, test, ...hidden].map((name) => join(exercise.dir, name));
}

/** The manifest the curriculum has now. */
export function buildManifest(curriculum: Exercise[], root = workshop.root): Manifest {
  const files: Record<string, string> = {};
  for (const file of curriculum.flatMap(shippedFiles)) files[manifestPath(file, root)] = gitBlobId(readFileSync(file));
  return { version: 2, files };
}

export function readManifest(file = workshop.manifest): Manifest {
  if (!existsSync(file)) {
    throw new CurriculumError(
      `${displayPath(file)} is missing. Regenerate it with \`pnpm instructor manifest\` (maintainers), or restore it with git.`,
    );
  }
  const manifest = JSON.parse(readFileSync(file, "utf8")) as Partial<Manifest>;
  if (manifest.version !== 2 || typeof manifest.files !== "object") {
    throw new CurriculumError(
      `${displayPath(file)} is not a version 2 manifest: regenerate it with \`pnpm instructor manifest\`.`,
    );
  }
  return manifest as Manifest;
}

/** Whether `content` is what the workshop shipped as `file`: undefined when it is, else what differs. */
export function shippedChange(file: string, content: Buffer | undefined, manifest: Manifest): string | undefined {
  const path = manifestPath(file);
  const expected = manifest.files[path];
  if (expected === undefined) return `${path} is not in the manifest`;
  if (content === undefined) return `${path} is missing`;
  return gitBlobId(content) === expected ? undefined : `${path} was modified`;
}
