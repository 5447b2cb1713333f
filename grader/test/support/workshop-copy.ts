import { execFileSync } from "node:child_process";
import { chmodSync, cpSync, existsSync, mkdtempSync, readdirSync, realpathSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { workshop } from "../../src/paths.ts";

/** Never copied: the installed packages (linked instead), history, and what grading or building leaves behind. */
const LEFT_OUT = new Set(["node_modules", ".git", ".turbo", ".workshop", "bench-results"]);

/**
 * A copy of the whole workshop in a temporary folder, for end-to-end tests that change what a learner's checkout
 * holds (a test edited in exercises/, a helper beside a starter, a reset): the real workshop is never touched.
 * The files are copied with their times (so a current build stays current); the installed packages are the
 * real ones, linked: each node_modules folder of the copy points to the workshop's own. It is a git repository
 * of one commit, as a learner's clone is.
 */
export function copyWorkshop(): string {
  const root = realpathSync(mkdtempSync(join(tmpdir(), "grader-workshop-")));
  // Readable by all, as an installed workshop is: a graded run's sandbox user must read it.
  chmodSync(root, 0o755);
  cpSync(workshop.root, root, {
    recursive: true,
    preserveTimestamps: true,
    filter: (source) => !LEFT_OUT.has(source.split(/[\\/]/).at(-1) ?? ""),
  });
  for (const folder of nodeModulesFolders(workshop.root)) {
    symlinkSync(folder, join(root, relative(workshop.root, folder)), "junction");
  }
  // A repository of its own, as a learner's clone is: reset reads the starters from git.
  const git = (...args: string[]) => execFileSync("git", args, { cwd: root, stdio: "ignore" });
  git("init", "-q");
  git("add", "-A");
  git("-c", "user.name=test", "-c", "user.email=test@example.com", "commit", "-q", "-m", "the workshop");
  return root;
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
