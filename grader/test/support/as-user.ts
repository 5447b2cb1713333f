import { execFileSync } from "node:child_process";
import { chownSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { join } from "node:path";
import { workshop } from "../../src/paths.ts";

/** An id no account holds: a user without privileges, as an instructor on a laptop or GitHub's runner is. */
export const UNPRIVILEGED_UID = 4_242_424;

/**
 * A folder of the unprivileged user's own in the system's /tmp, holding a copy of the workshop it can read
 * (hard links: instant, and read-only to it, as a clone of someone else's is): the workshop under test may lie
 * in a folder closed to others (a clone in /root, CI's private temporary folder).
 */
export function workshopForUnprivilegedUser(): { home: string; root: string; dispose: () => void } {
  const home = mkdtempSync("/tmp/workshop-unprivileged-");
  const root = join(home, "workshop");
  execFileSync("cp", ["-al", workshop.root, root]);
  for (const folder of ["state", "tmp", "class"]) mkdirSync(join(home, folder));
  for (const folder of [home, join(home, "state"), join(home, "tmp"), join(home, "class")]) {
    chownSync(folder, UNPRIVILEGED_UID, UNPRIVILEGED_UID);
  }
  return { home, root, dispose: () => rmSync(home, { recursive: true, force: true }) };
}

/** The command line that runs `command` as the unprivileged user (root only). */
export function asUnprivilegedUser(command: string[]): string[] {
  const id = String(UNPRIVILEGED_UID);
  return ["setpriv", `--reuid=${id}`, `--regid=${id}`, "--clear-groups", "--", ...command];
}
