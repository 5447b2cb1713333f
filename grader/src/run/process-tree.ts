import { execFile, type SpawnOptions } from "node:child_process";
import { endProcessesOf } from "@workshop/sandbox/bubblewrap";

/**
 * The one place where the grader's child processes meet the operating system: how a child is started so that
 * it and everything it starts can be stopped together, and how they are stopped. POSIX systems give the child a
 * process group of its own (`detached`) and end it with one signal to the group; Windows has no groups, so
 * `taskkill /T /F` ends the child's tree. Every other module stops children through `killTree` only.
 */
export interface Platform {
  /** Spawn options that put a child where `killTree` can reach it and all it starts. */
  spawnOptions(): Pick<SpawnOptions, "detached" | "windowsHide">;
  /** Stops a child and everything it started, at once; a child already gone is fine. */
  killTree(pid: number): void;
}

type Kill = (pid: number, signal: NodeJS.Signals) => void;
type Run = (file: string, args: string[]) => void;

/** POSIX: the negative pid names the whole process group, so vitest's and piscina's workers die with their parent. */
export function posixPlatform(kill: Kill = (pid, signal) => process.kill(pid, signal)): Platform {
  return {
    spawnOptions: () => ({ detached: true }),
    killTree(pid) {
      try {
        kill(-pid, "SIGKILL");
      } catch {
        // Already gone.
      }
    },
  };
}

/** Windows: `taskkill /T` walks the tree of the child's descendants, `/F` ends them without asking. */
export function windowsPlatform(run: Run = (file, args) => execFile(file, args, () => {})): Platform {
  return {
    spawnOptions: () => ({ detached: false, windowsHide: true }),
    killTree(pid) {
      run("taskkill", ["/pid", String(pid), "/T", "/F"]);
    },
  };
}

export const platform: Platform = process.platform === "win32" ? windowsPlatform() : posixPlatform();

/**
 * The children the grader started, to stop if the grader exits first (detached groups do not die with it), with
 * the user a root sandbox's command runs as, whose processes are ended by that id.
 */
const liveChildren = new Map<number, number | undefined>();
let exitHandlersInstalled = false;

/**
 * Remembers a child, to stop its tree if the grader exits first. `uid`: a root sandbox's, whose processes leave
 * the child's tree (see packages/sandbox's sandboxCommand).
 */
export function trackChild(pid: number | undefined, uid?: number): void {
  if (pid === undefined) return;
  installExitHandlers();
  liveChildren.set(pid, uid);
}

/** Stops a child's tree, and every process of its sandbox's user, and forgets it. */
export function stopChild(pid: number | undefined): void {
  if (pid === undefined) return;
  const uid = liveChildren.get(pid);
  platform.killTree(pid);
  if (uid !== undefined) endProcessesOf(uid);
  liveChildren.delete(pid);
}

function installExitHandlers(): void {
  if (exitHandlersInstalled) return;
  exitHandlersInstalled = true;
  const stopAll = () => {
    for (const pid of [...liveChildren.keys()]) stopChild(pid);
  };
  process.on("exit", stopAll);
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    process.once(signal, () => {
      stopAll();
      process.exit(130);
    });
  }
}
