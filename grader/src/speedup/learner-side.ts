import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import { makeChannelFiles } from "@workshop/sandbox/channel";
import { connectToLearner, startLearnerHost } from "@workshop/sandbox/judge";
import type { Realm } from "@workshop/sandbox/realm";
import { learnerView } from "@workshop/sandbox/views";
import type { TaskRecorder } from "./task-recorder.ts";

/** What one call of the learner's code used, as the judge measured it. */
export interface CallUse {
  /** How long the learner's main thread was busy during the call, in ms. */
  mainThreadMs: number;
  /** CPU time of the learner's process, all its threads (0 where it is the judge's own process), in ms. */
  cpuMs: number;
  /** Tasks the learner's code ran on pools of its own during the call. */
  foreign: { threads: number; samples: number }[];
}

/**
 * Where the learner's code runs during the speedup check, and how the judge watches it: beside the judge in a
 * practice run, or in a sandboxed process of its own in a graded run, measured from outside (its main thread's
 * CPU time as the kernel counts it). The verdict's rules are the same either way.
 */
export interface LearnerSide {
  /** The exports of one of the tree's files. */
  load(file: string): Promise<Record<string, unknown>>;
  /** Starts watching one call; the function returned ends it and says what the call used. */
  watch(label: string): () => CallUse;
  close(): void;
}

/** The learner's code in this process: its main thread is this one, its own pools are watched here. */
export function sameProcess(recorder: TaskRecorder): LearnerSide {
  return {
    load: async (file) => (await import(pathToFileURL(file).href)) as Record<string, unknown>,
    watch(label) {
      const loop = performance.eventLoopUtilization();
      return () => ({
        mainThreadMs: performance.eventLoopUtilization(loop).active,
        cpuMs: 0,
        foreign: recorder.tasks(label).foreign,
      });
    },
    close: () => {},
  };
}

/**
 * The learner's code in a sandbox of its own, started now. Its pools are watched there (from before its code is
 * loaded): what it says of them only chooses the words of a failure, since the judge's own record decides.
 */
export async function sandboxedProcess(tree: string): Promise<LearnerSide> {
  const exchange = mkdtempSync(join(tmpdir(), "workshop-exchange-"));
  // Files the learner's code is asked to write (the plot) go where both sides can reach them.
  process.env.TMPDIR = exchange;
  const folder = mkdtempSync(join(exchange, "channel-"));
  makeChannelFiles(folder);
  const host = startLearnerHost(folder, learnerView({ tree, exchange }), { withPools: true });
  let exited = false;
  host.child.on("exit", () => {
    exited = true;
  });
  const pid = await host.pid;
  const realm: Realm = connectToLearner(folder, () => !exited);
  realm.request("watch-pools");
  return {
    load: async (file) => (await realm.request("import", { file })) as Record<string, unknown>,
    watch(label) {
      const before = pid === undefined ? undefined : processTimes(pid);
      return () => {
        const after = pid === undefined ? undefined : processTimes(pid);
        const foreign = realm.request("foreign-tasks", { label }) as CallUse["foreign"];
        if (!before || !after) return { mainThreadMs: 0, cpuMs: 0, foreign };
        return {
          mainThreadMs: (after.mainThreadNs - before.mainThreadNs) / 1e6,
          cpuMs: (after.allThreadsNs - before.allThreadsNs) / 1e6,
          foreign,
        };
      };
    },
    close: () => host.child.kill("SIGKILL"),
  };
}

/**
 * The CPU time a process's threads have run, from the kernel's scheduler statistics (nanoseconds, where
 * /proc/<pid>/stat counts 10 ms ticks): its main thread's, and all of its threads' together.
 */
function processTimes(pid: number): { mainThreadNs: number; allThreadsNs: number } | undefined {
  const ran = (thread: string) => Number(readFileSync(`/proc/${pid}/task/${thread}/schedstat`, "utf8").split(" ")[0]);
  try {
    const threads = readdirSync(`/proc/${pid}/task`);
    return { mainThreadNs: ran(String(pid)), allThreadsNs: threads.reduce((sum, thread) => sum + ran(thread), 0) };
  } catch {
    // The process has ended: what it used is no longer there to read.
    return undefined;
  }
}
