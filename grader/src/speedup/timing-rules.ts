/** One pair: the same total samples as one task on the pool (serial), and as the learner's split. */
export interface TimedPair {
  serialMs: number;
  /** CPU time the process used during the serial run. */
  serialCpuMs: number;
  splitMs: number;
  /** CPU time the split's processes used, all their threads together: the judge's, and the learner's code's. */
  splitCpuMs: number;
  /**
   * Of that, what the pool's workers did not use: the main thread's busy time, and, where the learner's code runs
   * in a process of its own, all that process used (a thread of its own spinning is the code's, not the machine's).
   */
  splitMainMs: number;
  /** CPU time the whole machine left idle during the split, summed over its cores. */
  splitIdleMs: number;
}

/** One measurement window: several pairs, judged together. */
export interface WindowResult {
  /** serial / split, one per pair, in the order measured. */
  ratios: number[];
  /** The median ratio: the measured speedup. */
  median: number;
  /** Cores of CPU time the process got while the splits ran. */
  cpuCores: number;
  /** Cores the machine left idle while the splits ran. */
  idleCores: number;
  /** CPU time per sample of the worker threads in the splits, over that of the serial runs. */
  slowdown: number;
  passed: boolean;
  /** Why the machine, not the code, explains a shortfall; absent when it passed or the code is to blame. */
  busy?: "cores-taken" | "cores-slowed";
}

export type TimingDecision = "passed" | "failed" | "inconclusive" | "measure-again";

/**
 * The speedup a split must reach on `cores` cores: 1.4 on 2, plus 0.2 for each further core, at most 3.
 *
 * On 2 cores a correct split measured medians of 1.40-1.94 here, single pairs 1.04-2.37: 1.4 is the floor of
 * the medians, and a split whose threads take turns (1.0) cannot reach it. Past 2, `availableParallelism()`
 * counts hardware threads, and on most machines two of them share a core: a second hyperthread adds 10-30% to
 * an integer loop like the kernel, so only half of each further core is counted (0.2 rather than 0.4). The cap
 * keeps large machines, where other programs hold a few cores and clocks drop as cores wake, from failing
 * correct code: the structural gate has already shown that every thread had work at the same time, and this
 * gate only has to show that they did not take turns.
 */
export function requiredSpeedup(cores: number): number {
  return Number(Math.min(3, 1.4 + 0.2 * Math.max(0, cores - 2)).toFixed(2));
}

/**
 * Why the timing gate cannot run with `cores` (the cores the grader sees) on a machine whose process can use
 * `machineCores`, in words for the report; undefined when it can. One core has no speedup to time. More cores
 * than the machine has (`WORKSHOP_CORES` set above it, to simulate a larger machine) would be timed on cores that
 * are not there: the split would get a fraction of them, every window would blame the machine, and the check
 * would end `inconclusive` at its time limit. In both cases the structural gate still runs, as on `cores` cores.
 */
export function untimedReason(cores: number, machineCores: number): string | undefined {
  if (cores < 2) {
    return (
      "one core: the structure of the split was checked on a pool of two threads (its tasks started together, " +
      "ran on the workers, with all their samples), and the timing was skipped, since one core has no speedup"
    );
  }
  if (cores > machineCores) {
    return (
      `WORKSHOP_CORES=${cores} simulates more cores than the ${machineCores} this machine has: the structure of ` +
      `the split was checked as on ${cores} cores (a pool of ${cores} threads), and the timing was skipped, ` +
      "since cores that are not there cannot be timed"
    );
  }
  return undefined;
}

/** Below this many cores of CPU time during the splits, the split did not get the machine. */
export function fullCoresBelow(cores: number): number {
  return 0.8 * cores;
}

/**
 * Cores kept idle by the split itself, at the least, before the code is blamed for not using them: a correct
 * split on 2 cores leaves about 0.25 idle (the gaps between a thread's tasks, the end of the last task).
 */
const IDLE_CORES_BLAMED = 0.5;
/**
 * How much more CPU a sample may cost when the threads run together than when one runs alone, before the
 * hardware is blamed. Here it ranged from 1.02 to 1.37 on an idle machine from one window to the next (two
 * virtual cores sharing physical ones with other machines), and the speedup fell with it: a window at 1.36
 * measured 1.40. The learner's code cannot change this (the workers run the workshop's kernel, and the main
 * thread's own time is taken out), so above it a shortfall is the machine's.
 */
const SLOWDOWN_BLAMED = 1.05;

/**
 * Judges one window. It passes when the median ratio reaches `requiredSpeedup`. A shortfall is the machine's
 * when other programs held the cores (the split got under 80% of them, and the machine had no idle cores for
 * it), or when the cores ran slower together than alone. Otherwise the cores were there, idle or at full
 * speed, and the split did not turn them into speed: that is the code's.
 */
export function judgeWindow(pairs: TimedPair[], cores: number): WindowResult {
  const total = (pick: (pair: TimedPair) => number) => pairs.reduce((sum, pair) => sum + pick(pair), 0);
  const ratios = pairs.map((pair) => pair.serialMs / pair.splitMs);
  const splitMs = total((pair) => pair.splitMs);
  const result: WindowResult = {
    ratios,
    median: median(ratios),
    cpuCores: total((pair) => pair.splitCpuMs) / splitMs,
    idleCores: total((pair) => pair.splitIdleMs) / splitMs,
    slowdown: total((pair) => pair.splitCpuMs - pair.splitMainMs) / total((pair) => pair.serialCpuMs),
    passed: false,
  };
  if (result.median >= requiredSpeedup(cores)) result.passed = true;
  else if (result.cpuCores < fullCoresBelow(cores) && result.idleCores < IDLE_CORES_BLAMED * cores) {
    result.busy = "cores-taken";
  } else if (result.slowdown > SLOWDOWN_BLAMED) result.busy = "cores-slowed";
  return result;
}

/**
 * What to do after the latest window: pass as soon as one window reaches the speedup; fail on a window whose
 * shortfall is the code's; measure again (up to `maxWindows`) when it was the machine's, and then give up
 * without a verdict, because a busy machine says nothing about the code.
 */
export function decide(windows: WindowResult[], maxWindows: number): TimingDecision {
  const latest = windows.at(-1);
  if (!latest) return "measure-again";
  if (latest.passed) return "passed";
  if (!latest.busy) return "failed";
  return windows.length >= maxWindows ? "inconclusive" : "measure-again";
}

/**
 * The cores a window's splits got, as every report gives them: one decimal, rounded once, so that the reason, the
 * JSON's `coresGot` and the busy-machine note say the same figure.
 */
export function coresGot(window: WindowResult): number {
  return Math.round(window.cpuCores * 10) / 10;
}

/**
 * The reason the report gives for a timing decision, in plain words. Every figure in it is the last window's, the
 * one that decided, and the report's `measured` and `coresGot` are the same figures: one window, told once.
 */
export function timingReason(decision: TimingDecision, windows: WindowResult[], cores: number): string {
  const latest = windows.at(-1);
  if (!latest) return "no measurement was made";
  const required = `${requiredSpeedup(cores).toFixed(2)}x is required on ${cores} cores`;
  const measured = `${latest.median.toFixed(2)}x`;
  const got = `${coresGot(latest).toFixed(1)} of ${cores} cores`;
  if (decision === "passed") {
    return `the split ran ${measured} faster than the same work as one task (${required}; it got ${got})`;
  }
  if (decision === "failed") {
    const why =
      latest.cpuCores < fullCoresBelow(cores)
        ? `the machine had ${latest.idleCores.toFixed(1)} cores idle, and the split used only ${got}: it waits ` +
          "when it could compute (a sleep, or tasks started late?)"
        : `it had ${got} at full speed: something else takes the time (work on the main thread?)`;
    return `the split ran only ${measured} faster than the same work as one task (${required}), and ${why}.`;
  }
  const cause =
    latest.busy === "cores-slowed"
      ? `the cores ran ${Math.round((latest.slowdown - 1) * 100)}% slower together than alone (other programs or ` +
        "virtual machines share the hardware)"
      : `other programs held the cores (the split got ${got}, with ${latest.idleCores.toFixed(1)} idle)`;
  const tries = windows.length === 1 ? "" : `after ${windows.length} tries, `;
  return `the machine was too busy: ${tries}the split ran ${measured} faster (${required}), while ${cause}`;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  if (sorted.length === 0) return Number.NaN;
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}
