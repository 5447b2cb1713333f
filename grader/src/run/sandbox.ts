import { execFileSync, spawnSync } from "node:child_process";
import { randomInt } from "node:crypto";
import { chmodSync, chownSync, existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { UsageError } from "../errors.ts";
import { workshop } from "../paths.ts";

/**
 * The user a graded run's learner code runs as, when the grader runs as root (Gradescope, Docker, CI
 * containers): an unprivileged one, who can read the workshop but write none of it, cannot read the answers,
 * and cannot signal the grader. By default a user id of the run's own, drawn at random and held by no other
 * process (no account needs to exist for it): ending "every process of that user" then ends this run's learner
 * code and nothing else, even with other runs beside it. `WORKSHOP_SANDBOX_USER` names an account instead.
 * Where the grader is not root (a learner's laptop) there is no sandbox: self-grading needs no defence against
 * oneself, and the isolation between exercises still holds (see docs/security.md).
 */
export interface Sandbox {
  user: string;
  uid: number;
  gid: number;
}

/**
 * The sandbox for a graded run, or undefined where the grader cannot have one (not root, or not POSIX).
 * `WORKSHOP_SANDBOX=off` grades as a grader without one would, for the grader's own tests of that case.
 */
export function sandboxFor(graded: boolean, env: NodeJS.ProcessEnv = process.env): Sandbox | undefined {
  if (!graded || env.WORKSHOP_SANDBOX === "off" || process.platform === "win32" || process.getuid?.() !== 0) {
    return undefined;
  }
  const sandbox = env.WORKSHOP_SANDBOX_USER ? namedAccount(env.WORKSHOP_SANDBOX_USER) : runOwnId();
  const canRead = spawnSync(process.execPath, ["-e", "require('fs').accessSync(process.argv[1])", workshopProbe], {
    uid: sandbox.uid,
    gid: sandbox.gid,
    stdio: "ignore",
  });
  if (canRead.status !== 0) {
    throw new UsageError(
      `the sandbox (${sandbox.user}) cannot read the workshop at ${workshop.root}, so the learner's code could not ` +
        "run in it: make the workshop readable by all (chmod o+rx on every folder above it).",
    );
  }
  return sandbox;
}

/** Above the ids systems give their accounts (and below 2^31, which some tools take for negative). */
const FIRST_FREE_ID = 100_000_000;
const LAST_FREE_ID = 2 ** 31 - 2;

/** One of some two billion free ids: two runs side by side drawing the same one is not a real risk. */
function runOwnId(): Sandbox {
  const id = randomInt(FIRST_FREE_ID, LAST_FREE_ID);
  return { user: `uid ${id}`, uid: id, gid: id };
}

function namedAccount(user: string): Sandbox {
  const id = (flag: string) => Number(execFileSync("id", [flag, user], { encoding: "utf8" }).trim());
  try {
    return { user, uid: id("-u"), gid: id("-g") };
  } catch {
    throw new UsageError(
      `the sandbox user ${user} does not exist: create it, or leave WORKSHOP_SANDBOX_USER unset to use an id of the run's own.`,
    );
  }
}

/** A file the sandbox must be able to read for the tests to start at all. */
const workshopProbe = join(workshop.root, "exercises", "vitest.config.ts");

/** Gives the sandbox a folder of its own (a grading tree): the learner's code may write there, and only there. */
export function handOver(folder: string, sandbox: Sandbox): void {
  const walk = (path: string) => {
    chownSync(path, sandbox.uid, sandbox.gid);
    if (statSync(path).isDirectory()) for (const entry of readdirSync(path)) walk(join(path, entry));
  };
  walk(folder);
}

/** Closes folders to everyone but their owner (root): the sandbox cannot list or read what is inside. */
export function closeToOthers(folders: string[]): void {
  for (const folder of folders) if (existsSync(folder)) chmodSync(folder, 0o700);
}

/**
 * Ends every process of the sandbox user: the learner's code may have left some behind, detached, in a new
 * session, or forked twice, out of reach of any process group. A process of that user signalling all it can
 * (`kill(-1)`) reaches exactly them. Done after each exercise and before any result is written.
 */
export function endSandboxProcesses(sandbox: Sandbox): void {
  const asSandbox = { uid: sandbox.uid, gid: sandbox.gid, stdio: "ignore", timeout: 5_000 } as const;
  // Twice: a process forking in a loop may have made a new one between the signal's delivery to each.
  for (let round = 0; round < 2; round++) {
    // The system's kill program starts in a fraction of Node's time; where there is none, Node does the same.
    const killed = spawnSync("kill", ["-9", "-1"], asSandbox);
    if (killed.error) spawnSync(process.execPath, ["-e", 'try { process.kill(-1, "SIGKILL") } catch {}'], asSandbox);
  }
}
