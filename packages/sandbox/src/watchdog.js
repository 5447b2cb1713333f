// @ts-check
// What the kernel cannot count for a sandbox without privileges the judge does not have (a cgroup): its
// processes' memory together, and how many there are. The judge looks every tenth of a second, and ends a
// sandbox that went past a limit, saying which: the exercise then has a verdict that names it, and the class's
// machine has its memory back.
/** @import { ChildProcess } from "node:child_process" */
import { readdirSync, readFileSync } from "node:fs";
import { LEARNER_LIMITS, SANDBOX_MEMORY_BYTES } from "./views.js";

const EVERY_MS = 100;
/**
 * Processes and threads past which the judge ends a sandbox: below the kernel's own limit (LEARNER_LIMITS), which
 * a loop that starts processes only ever brushes against (each further start fails), and far above what any
 * exercise needs (a pool of 64 threads and its process: under 100).
 */
const TASKS_ALARM = Math.floor(LEARNER_LIMITS.tasks * 0.75);

/** @typedef {{ what: "memory" | "processes", message: string }} LimitReached */

/**
 * Watches the sandbox whose first process is `pid` (as this process sees it), until `child` (its bubblewrap)
 * exits. Past a limit it kills `child`, which ends the sandbox, and calls `onLimit`.
 *
 * @param {number} pid
 * @param {ChildProcess} child
 * @param {(limit: LimitReached) => void} onLimit
 */
export function watchSandbox(pid, child, onLimit) {
  const timer = setInterval(() => {
    const use = sandboxUse(pid);
    if (!use) return;
    /** @type {LimitReached | undefined} */
    let limit;
    if (use.bytes > SANDBOX_MEMORY_BYTES) {
      limit = {
        what: "memory",
        message:
          `the code was stopped: its processes together held ${gigabytes(use.bytes)} of memory, over the ` +
          `sandbox's ${gigabytes(SANDBOX_MEMORY_BYTES)}. Something keeps ever more data: an array or Buffers that ` +
          "grow without end, or a process that does.",
      };
    } else if (use.tasks >= TASKS_ALARM) {
      limit = {
        what: "processes",
        message:
          `the code was stopped: it ran ${use.tasks} processes and threads at once, more than the sandbox ` +
          "allows. Something starts processes or threads in a loop.",
      };
    }
    if (!limit) return;
    clearInterval(timer);
    child.kill("SIGKILL");
    onLimit(limit);
  }, EVERY_MS);
  timer.unref();
  child.once("exit", () => clearInterval(timer));
}

/**
 * The resident memory and the threads of a process and all its descendants; undefined once it is gone.
 *
 * @param {number} root
 * @returns {{ bytes: number, tasks: number } | undefined}
 */
export function sandboxUse(root) {
  let bytes = 0;
  let tasks = 0;
  const pending = [root];
  let seen = 0;
  for (let pid = pending.pop(); pid !== undefined; pid = pending.pop()) {
    try {
      const threads = readdirSync(`/proc/${pid}/task`);
      tasks += threads.length;
      const status = readFileSync(`/proc/${pid}/status`, "utf8");
      bytes += Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1] ?? 0) * 1024;
      for (const thread of threads) {
        const children = readFileSync(`/proc/${pid}/task/${thread}/children`, "utf8").trim();
        if (children) pending.push(...children.split(" ").map(Number));
      }
      seen++;
    } catch {
      // Ended meanwhile; its memory is free again.
    }
  }
  return seen === 0 ? undefined : { bytes, tasks };
}

function gigabytes(/** @type {number} */ bytes) {
  return `${(bytes / 1024 ** 3).toFixed(1)} GB`;
}
