import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve, sep } from "node:path";
import type { Exercise } from "../curriculum/load-curriculum.ts";
import { displayPath } from "../paths.ts";
import { learnerCode, withUsed } from "./learner-code.ts";

/** A folder laid out like `exercises/` that the tests run against, and how its files are named to a person. */
export interface GradingTree {
  root: string;
  /** The folder the learner's files came from. */
  source: string;
  /** A file of this tree as the learner knows it: the path in their own folder. */
  shown(file: string): string;
  /** The absolute path a file of this tree was copied from: a location the learner's editor can open. */
  original(file: string): string;
  dispose(): void;
}

/** The learner's own folder, graded where it is: `exercises/` in a learner's practice runs. */
export function treeInPlace(folder: string): GradingTree {
  return { root: folder, source: folder, shown: displayPath, original: (file) => file, dispose: () => {} };
}

/**
 * The learner's code of some exercises, read into memory at one moment: code that runs during the grade (or a
 * process it left behind) can change the files on disk, but not what the grader copies into each exercise's tree.
 */
export interface CodeSnapshot {
  source: string;
  /** Contents by path from the tree's root: `01-integers/integers.ts`. */
  files: Map<string, Buffer>;
}

/** Reads the learner's code of `exercises` and of the earlier exercises they use, from `source`. */
export function snapshotCode(source: string, exercises: Exercise[], curriculum: Exercise[]): CodeSnapshot {
  const files = new Map<string, Buffer>();
  for (const exercise of withUsed(exercises, curriculum)) {
    for (const file of learnerCode(source, exercise)) {
      const path = join(source, exercise.id, file);
      // Only the learner's own files: a link would bring in whatever it points to (the solutions, in an image
      // that holds them), read with the grader's rights.
      if (!existsSync(path) || !lstatSync(path).isFile()) continue;
      files.set(`${exercise.id}/${file}`, readFileSync(path));
    }
  }
  return { source: resolve(source), files };
}

/**
 * A new, empty folder for a tree. The real path: macOS's temporary folder is behind a symbolic link, and stack
 * traces name the real one. It is a folder inside a private one, so that it can be opened to a sandbox's own user
 * (writeTree) while the machine's other users still cannot list it.
 */
export function newTreeFolder(): string {
  const root = join(realpathSync(mkdtempSync(join(tmpdir(), "workshop-tree-"))), "tree");
  mkdirSync(root);
  return root;
}

/** Where a given file's content comes from: the workshop's copy, read when the run started. */
export type GivenContent = (exercise: Exercise, file: string) => Buffer;

/**
 * A fresh folder holding the snapshot's code of `exercises` (and of those they use), and each given file as
 * the workshop ships it. Only code: the learner's tsconfig.json, package.json, node_modules and own tests stay
 * behind, so the grade depends on nothing but their code. `into` reuses a folder (watch mode keeps one tree, so
 * the warm test process keeps pointing at it), emptied first.
 */
export function writeTree(
  snapshot: CodeSnapshot,
  exercises: Exercise[],
  curriculum: Exercise[],
  given: GivenContent,
  into?: string,
): GradingTree {
  const root = into ?? newTreeFolder();
  const privateFolder = into ? undefined : dirname(root);
  mkdirSync(root, { recursive: true });
  const wanted = withUsed(exercises, curriculum);
  for (const exercise of wanted) {
    rmSync(join(root, exercise.id), { recursive: true, force: true });
    for (const [path, content] of snapshot.files) {
      if (path.startsWith(`${exercise.id}/`)) writeFile(join(root, path), content);
    }
    for (const file of exercise.files.given) writeFile(join(root, exercise.id, file), given(exercise, file));
  }
  // As root, graded runs give the tree to a sandbox whose user is not root: it must be able to read it.
  if (process.getuid?.() === 0) openToAll(root);
  const original = (file: string) => {
    const inside = relative(root, file);
    return inside.startsWith("..") || resolve(root, inside) !== resolve(file) ? file : join(snapshot.source, inside);
  };
  return {
    root,
    source: snapshot.source,
    original,
    shown: (file) => displayPath(original(file)).split(sep).join("/"),
    dispose: () => rmSync(privateFolder ?? root, { recursive: true, force: true }),
  };
}

/** Folders listable and files readable by every user, whatever the umask made them. */
function openToAll(folder: string): void {
  chmodSync(folder, 0o755);
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) openToAll(path);
    else if (entry.isFile()) chmodSync(path, 0o644);
  }
}

function writeFile(path: string, content: Buffer): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, content);
}
