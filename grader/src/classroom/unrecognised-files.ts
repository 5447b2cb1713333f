import { posix } from "node:path";
import type { Exercise } from "../curriculum/load-curriculum.ts";
import type { SubmissionInfo } from "../result.ts";
import { exerciseFolder, listFiles, type SubmittedFile } from "./submission.ts";

type Unrecognised = NonNullable<SubmissionInfo["unrecognised"]>[number];

/** What the workshop itself puts in an exercise's folder or a checkout's root: never a learner's doing. */
const WORKSHOP_FILES = new Set([
  "README.md",
  "hints.md",
  "exercise.json",
  "exercise.schema.json",
  "package.json",
  "tsconfig.json",
  "vitest.config.ts",
  ".gitignore",
]);

/**
 * What a submission held that was not graded and is not the workshop's own: the learner's own tests, code the
 * exercises do not name (a renamed file), anything else in an exercise's folder. Loose files are all looked at;
 * in a repository or an exercises/ folder, the exercises' folders only (the rest of a checkout is the workshop's).
 * Code copied beside a learner file that is missing is listed too: it was graded as a helper, and may be that file
 * under another name.
 */
export function unrecognisedFiles(
  submissionDir: string,
  curriculum: Exercise[],
  copied: SubmittedFile[],
  layout: SubmissionInfo["layout"],
): Unrecognised[] {
  const files = listFiles(submissionDir);
  const used = new Set(copied.flatMap((file) => (file.from ? [file.from] : [])));
  const shipped = new Set(curriculum.flatMap((e) => [e.files.test, ...e.files.given]));
  const folders = curriculum.flatMap((exercise) => {
    const folder = exerciseFolder(files, exercise.id);
    return folder === undefined ? [] : [{ exercise, folder }];
  });
  const inFolder = (path: string) => folders.find(({ folder }) => path.startsWith(`${folder}/`));
  const found: Unrecognised[] = [];
  for (const path of files) {
    const name = posix.basename(path);
    if (used.has(path) || WORKSHOP_FILES.has(name) || name.startsWith(".")) continue;
    const home = inFolder(path);
    if (!home && layout !== "files") continue;
    if (home && shipped.has(posix.relative(home.folder, path))) continue;
    const code = /\.(ts|mts|js|mjs)$/.test(name);
    const ownTest = /\.(test|spec)\.(ts|mts|js|mjs)$/.test(name);
    if (home && code && !ownTest) {
      // Beside the exercise's learner files, code is a helper, graded with them: worth naming only where the
      // learner file itself is missing.
      const missing = copied.some((file) => file.exercise === home.exercise.id && !file.from);
      if (!missing) continue;
    }
    found.push({ path, kind: ownTest ? "own-test" : code ? "code" : "other" });
  }
  return found;
}
