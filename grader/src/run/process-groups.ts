/**
 * The child processes the grader starts in process groups of their own (the test process, the speedup check),
 * so that one SIGKILL stops a child and everything it started. Detached groups do not die with the grader, so
 * the grader kills those still alive when it exits or is interrupted.
 */
const liveGroups = new Set<number>();
let exitHandlersInstalled = false;

/** Remembers a detached child's process group, to kill it if the grader exits first. */
export function trackProcessGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  installExitHandlers();
  liveGroups.add(pid);
}

/** Kills a child's whole process group; a group already gone is fine. */
export function killProcessGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    // The negative pid names the whole process group: vitest's and piscina's workers die with their parent.
    process.kill(-pid, "SIGKILL");
  } catch {
    // Already gone.
  }
  liveGroups.delete(pid);
}

function installExitHandlers(): void {
  if (exitHandlersInstalled) return;
  exitHandlersInstalled = true;
  const killAll = () => {
    for (const pid of liveGroups) killProcessGroup(pid);
  };
  process.on("exit", killAll);
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      killAll();
      process.exit(130);
    });
  }
}
