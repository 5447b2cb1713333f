import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Exercise } from "../curriculum/load-curriculum.ts";
import { UsageError } from "../errors.ts";
import { gitBlobId, type Manifest, manifestPath } from "../manifest.ts";
import { backupName, displayPath } from "../paths.ts";
import { forgetResult, updateState } from "../state.ts";

export interface ResetOutcome {
  /** The files put back, by name. */
  restored: string[];
  /** Where the learner's versions of them went; undefined when there was nothing of theirs to keep. */
  backup?: string;
}

/**
 * Puts back the files the exercise declares (its learner files and given files) as the workshop shipped them,
 * after copying the learner's versions to a timestamped backup folder; the learner's other files (helpers, their
 * own tests) are left alone. The originals come from git's object store by the ids in the manifest, so they are
 * the shipped ones even if the learner has committed over them. Nothing is touched until every original has been
 * found. The exercise's stored verdict is forgotten: it described the code that is gone.
 */
export function resetExercise(
  exercise: Exercise,
  manifest: Manifest,
  options: { backupsDir: string; stateFile: string; root?: string },
): ResetOutcome {
  const root = options.root;
  const originals = [...exercise.files.learner, ...exercise.files.given].map((name) => {
    const file = join(exercise.dir, name);
    const path = manifestPath(file, root);
    const blobId = manifest.files[path];
    if (!blobId)
      throw new UsageError(`${path} is not in the manifest, so its original is unknown; nothing was changed.`);
    return { name, file, content: readBlob(blobId, path, root ?? exercise.dir) };
  });
  const changed = originals.filter(
    ({ file, content }) => existsSync(file) && gitBlobId(readFileSync(file)) !== gitBlobId(content),
  );
  let backup: string | undefined;
  if (changed.length > 0) {
    backup = join(options.backupsDir, exercise.id, backupName());
    mkdirSync(backup, { recursive: true });
    for (const { name, file } of changed) copyFileSync(file, join(backup, name));
  }
  for (const { file, content } of originals) writeFileSync(file, content);
  updateState(options.stateFile, (state) => forgetResult(state, exercise.id));
  return backup ? { restored: originals.map((o) => o.name), backup } : { restored: originals.map((o) => o.name) };
}

/** What the reset command prints: what was put back, and how to get the learner's version back. */
export function describeReset(exercise: Exercise, outcome: ResetOutcome): string {
  const restored = `Restored the starter of ${exercise.id} (${outcome.restored.join(", ")}).`;
  if (!outcome.backup) return `${restored} It was unchanged, so there was nothing to back up.`;
  const folder = displayPath(outcome.backup);
  return (
    `${restored}\nYour version is saved in ${folder}/. To get it back, copy its files over the starter: ` +
    `cp ${folder}/* ${displayPath(exercise.dir)}/`
  );
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
