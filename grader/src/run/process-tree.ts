import { execFile, type SpawnOptions } from "node:child_process";

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
 * The children the grader started, to stop if the grader exits first: detached groups do not die with it.
 */
const liveChildren = new Set<number>();
let exitHandlersInstalled = false;

/** Remembers a child, to stop its tree if the grader exits first. */
export function trackChild(pid: number | undefined): void {
  if (pid === undefined) return;
  installExitHandlers();
  liveChildren.add(pid);
}

/** Stops a child's tree and forgets it. */
export function stopChild(pid: number | undefined): void {
  if (pid === undefined) return;
  platform.killTree(pid);
  liveChildren.delete(pid);
}

function installExitHandlers(): void {
  if (exitHandlersInstalled) return;
  exitHandlersInstalled = true;
  const stopAll = () => {
    for (const pid of liveChildren) stopChild(pid);
  };
  process.on("exit", stopAll);
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    process.once(signal, () => {
      stopAll();
      process.exit(130);
    });
  }
}
