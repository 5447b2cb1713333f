import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative, sep } from "node:path";
import { backupName, workshop } from "../paths.ts";
import { filesUnder } from "../tree/files-under.ts";

/** The workshop's own code and curriculum, by folder: what a grade relies on besides the installed packages. */
const GUARDED_FOLDERS = ["grader/src", "grader/dist", "grader/bin", "packages", "exercises"];
const GUARDED_FILES = ["grader/manifest.json", "course.json", "package.json", "grader/package.json"];
/** Inside the guarded folders: what is not the workshop's (packages) or not code (the learner's own work). */
const SKIPPED = new Set(["node_modules", ".vite", "bench-results"]);

/**
 * A graded run's record of the workshop's own files, read when the run starts. After each exercise the files are
 * compared with it: code that rewrote the grader, the core library, a test or the manifest is named, and the
 * files are put back, so the exercises after it are graded by the workshop as it was. (Where the learner's code
 * runs as a sandbox user, it cannot write them at all; this guard is for graded runs without one.)
 *
 * The guard cannot tell the learner's code from a person saving a file during the run, so whatever it
 * overwrites is first copied into a new folder of `backups`: putting a file back never loses anybody's work.
 */
export class WorkshopGuard {
  readonly #contents = new Map<string, Buffer>();
  readonly #backups: string;

  /**
   * `learnerFiles`: the learner's own files in exercises/ (a `--ci` run grades them in place), not guarded.
   * `backups`: where a folder of changed versions, laid out like the workshop, is made when something changed.
   */
  constructor(learnerFiles: Set<string>, backups: string) {
    this.#backups = backups;
    const inFolders = GUARDED_FOLDERS.flatMap((folder) =>
      filesUnder(join(workshop.root, folder), (name) => SKIPPED.has(name)).map((path) => `${folder}/${path}`),
    );
    const files = [...inFolders, ...GUARDED_FILES];
    for (const path of files) {
      const file = join(workshop.root, path);
      if (learnerFiles.has(file)) continue;
      try {
        this.#contents.set(file, readFileSync(file));
      } catch {
        // Not there (course.json is optional).
      }
    }
  }

  /**
   * The files changed since the run started, as paths from the workshop's root; each is put back as it was, and
   * its changed version kept in `keptIn`. That folder gets a name of its own when it is made (mkdtemp), so that
   * nothing the learner's code prepared in advance decides where the copies are written.
   */
  restoreChanges(): { changed: string[]; keptIn?: string } {
    const changed: string[] = [];
    let keptIn: string | undefined;
    for (const [file, content] of this.#contents) {
      let now: Buffer | undefined;
      try {
        now = readFileSync(file);
      } catch {
        now = undefined;
      }
      if (now?.equals(content)) continue;
      const path = relative(workshop.root, file);
      if (now) {
        if (!keptIn) {
          mkdirSync(this.#backups, { recursive: true });
          keptIn = mkdtempSync(join(this.#backups, `${backupName()}-`));
        }
        mkdirSync(dirname(join(keptIn, path)), { recursive: true });
        writeFileSync(join(keptIn, path), now);
      }
      changed.push(path.split(sep).join("/"));
      writeFileSync(file, content);
    }
    return keptIn ? { changed, keptIn } : { changed };
  }
}
