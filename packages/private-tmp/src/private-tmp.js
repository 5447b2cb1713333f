// Plain JavaScript, so that a tool can load it before anything else, tsx included: tsx fixes the folder of its
// transform cache (`<tmpdir>/tsx-<euid>`) when it is first imported.
import { lstatSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { onExit } from "signal-exit";

/** The variables `os.tmpdir()` reads: TMPDIR on POSIX, TEMP and TMP on Windows. */
const TMPDIR_VARIABLES = ["TMPDIR", "TEMP", "TMP"];

/** @type {string | undefined} This process's private folder, once made. */
let privateFolder;

/**
 * Gives this process, and every process it starts, a temporary folder that only its user can enter: made fresh
 * by mkdtemp (a name nobody can know in advance, mode 0700, refused if anything is there already) inside the
 * temporary folder it was given, and removed when the process exits, by a signal too.
 *
 * A world-writable /tmp holds whatever another user put there first. tsx trusts what it finds in
 * `<tmpdir>/tsx-<euid>/` as compiled code: a user who creates `/tmp/tsx-0` before root does (a fresh container,
 * a /tmp emptied at boot) has their code run as root by the next tool root runs through tsx. In a folder of its
 * own a tool never reads what it did not write. Idempotent: a second call returns the same folder.
 *
 * @returns {string} the folder
 */
export function usePrivateTmpdir() {
  if (privateFolder) return privateFolder;
  const given = tmpdir();
  const folder = mkdtempSync(join(given, "workshop-"));
  assertPrivate(folder);
  for (const name of TMPDIR_VARIABLES) process.env[name] = folder;
  onExit(() => rmSync(folder, { recursive: true, force: true }), { alwaysLast: true });
  privateFolder = folder;
  return folder;
}

/**
 * mkdtemp has made the folder with mode 0700 for this user; this checks it, as the rest of the workshop's safety
 * then rests on it (a umask, a file system without modes, or a platform's mkdtemp that did otherwise).
 *
 * @param {string} folder
 */
function assertPrivate(folder) {
  if (process.platform === "win32") return; // Windows' per-user %TEMP% is private by its ACL, and has no modes.
  const stats = lstatSync(folder);
  const ownUser = process.geteuid?.();
  if (!stats.isDirectory() || stats.uid !== ownUser || (stats.mode & 0o077) !== 0) {
    rmSync(folder, { recursive: true, force: true });
    throw new Error(
      `the temporary folder ${folder} is not private (mode ${(stats.mode & 0o777).toString(8)}, owner ${stats.uid}): ` +
        "set TMPDIR to a folder on a file system with Unix permissions, and try again.",
    );
  }
}
