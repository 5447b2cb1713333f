import { execFileSync } from "node:child_process";
import {
  chmodSync,
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readlinkSync,
  realpathSync,
  symlinkSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { workshop } from "../../src/paths.ts";

/** Never copied: the installed packages (linked instead), history, and what grading or building leaves behind. */
const LEFT_OUT = new Set(["node_modules", ".git", ".turbo", ".workshop", "bench-results"]);
/** Never copied either: .ci/run's Node binaries (about 190 MB a version), which no test of a copy runs. */
const CI_CACHE = join(workshop.root, ".ci", "cache");

/**
 * A copy of the whole workshop in a temporary folder, for end-to-end tests that change what a learner's checkout
 * holds (a test edited in exercises/, a helper beside a starter, a reset): the real workshop is never touched.
 * The files are copied with their times (so a current build stays current); the installed packages are the
 * real ones, linked (see `linkPackages`), while the workspace's own packages are the copy's: `pnpm grade` typed in
 * the copy runs the copy's grader on the copy's exercises. It is a git repository of one commit, as a learner's
 * clone is.
 */
export function copyWorkshop(): string {
  const root = realpathSync(mkdtempSync(join(tmpdir(), "grader-workshop-")));
  // Readable by all, as an installed workshop is: a graded run's sandbox user must read it.
  chmodSync(root, 0o755);
  cpSync(workshop.root, root, {
    recursive: true,
    preserveTimestamps: true,
    filter: (source) => !LEFT_OUT.has(source.split(/[\\/]/).at(-1) ?? "") && source !== CI_CACHE,
  });
  for (const folder of nodeModulesFolders(workshop.root))
    linkPackages(folder, join(root, relative(workshop.root, folder)));
  // A repository of its own, as a learner's clone is: reset reads the starters from git.
  const git = (...args: string[]) => execFileSync("git", args, { cwd: root, stdio: "ignore" });
  git("init", "-q");
  git("add", "-A");
  git("-c", "user.name=test", "-c", "user.email=test@example.com", "commit", "-q", "-m", "the workshop");
  return root;
}

/**
 * Rebuilds a node_modules folder in the copy. pnpm's store (`.pnpm`) is the workshop's, linked; every other link
 * is made again as it is written, so the relative links of the workspace's packages (`@workshop/grader ->
 * ../../grader`) point into the copy, and the links to installed packages reach the store through the copy's
 * `.pnpm` link. The `.bin` scripts are copied: they find their package from their own path. Caches are left out.
 */
function linkPackages(from: string, to: string): void {
  mkdirSync(to, { recursive: true });
  for (const name of readdirSync(from)) {
    const source = join(from, name);
    const target = join(to, name);
    const entry = lstatSync(source);
    if (name === ".pnpm") symlinkSync(source, target, "junction");
    else if (entry.isSymbolicLink()) symlinkSync(readlinkSync(source), target, "junction");
    else if (name === ".bin") cpSync(source, target, { recursive: true, preserveTimestamps: true });
    else if (entry.isDirectory() && name.startsWith("@")) linkPackages(source, target);
    else if (entry.isFile()) cpSync(source, target, { preserveTimestamps: true });
  }
}

/** The workshop's node_modules folders: the root's and each workspace package's. */
function nodeModulesFolders(root: string): string[] {
  const packages = [
    "",
    "exercises",
    "solutions",
    "grader",
    ...readdirSync(join(root, "packages")).map((p) => join("packages", p)),
  ];
  return packages.map((folder) => join(root, folder, "node_modules")).filter((folder) => existsSync(folder));
}
