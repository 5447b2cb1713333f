// @ts-check
// Plain JavaScript (type-checked through JSDoc), so that the grader's plain-Node test process can import it.
/** @import { Dirent } from "node:fs" */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

/**
 * The files each exercise hands the learner and uses as shipped (`files.given` in its exercise.json), as paths
 * from the exercises folder: `09-script-with-main/async-timer.ts`. A tree under test need not hold them, and the
 * copy it holds is never used: its code gets the workshop's.
 *
 * @param {string} exercisesDir
 * @returns {Set<string>}
 */
export function givenFiles(exercisesDir) {
  /** @type {Set<string>} */
  const given = new Set();
  /** @type {Dirent[]} */
  let entries;
  try {
    entries = readdirSync(exercisesDir, { withFileTypes: true });
  } catch {
    return given;
  }
  for (const entry of entries) {
    if (!entry.isDirectory() || !/^\d{2}-/.test(entry.name)) continue;
    /** @type {{ files?: { given?: unknown } }} */
    let metadata;
    try {
      metadata = JSON.parse(readFileSync(join(exercisesDir, entry.name, "exercise.json"), "utf8"));
    } catch {
      // The grader names a broken exercise.json with the field and what to do; the tests just run without it.
      continue;
    }
    const files = Array.isArray(metadata.files?.given) ? metadata.files.given : [];
    for (const file of files) if (typeof file === "string") given.add(`${entry.name}/${file}`);
  }
  return given;
}
