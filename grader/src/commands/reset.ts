import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import type { Exercise } from "../curriculum.ts";
import { UsageError } from "../errors.ts";
import type { Manifest } from "../manifest.ts";
import { repoRoot } from "../paths.ts";

/**
 * Puts the starter back, after copying the learner's files to a timestamped backup folder. The starter's
 * content comes from git's object store by the id in the manifest, so it is the shipped starter even if the
 * learner has committed over it. Nothing is touched until every original has been found.
 */
export function resetExercise(exercise: Exercise, manifest: Manifest, backupsDir: string, gitDir = repoRoot): string {
  const originals = exercise.codeFiles.map((name) => {
    const path = relative(gitDir, join(exercise.dir, name));
    const blobId = manifest.files[path];
    if (!blobId)
      throw new UsageError(`${path} is not in the manifest, so its original is unknown; nothing was changed.`);
    return { name, path, content: readBlob(blobId, path, gitDir) };
  });
  const backup = join(backupsDir, exercise.id, new Date().toISOString().replace(/[:.]/g, "-"));
  mkdirSync(backup, { recursive: true });
  for (const { name } of originals) {
    const current = join(exercise.dir, name);
    if (existsSync(current)) copyFileSync(current, join(backup, name));
  }
  for (const { name, content } of originals) writeFileSync(join(exercise.dir, name), content);
  return backup;
}

function readBlob(blobId: string, path: string, gitDir: string): Buffer {
  try {
    return execFileSync("git", ["cat-file", "blob", blobId], { cwd: gitDir, stdio: ["ignore", "pipe", "ignore"] });
  } catch {
    throw new UsageError(
      `the original of ${path} is not in this folder's git history (was it downloaded without .git?). ` +
        "Nothing was changed. Copy the starter from the workshop's repository instead.",
    );
  }
}
