import { cpus } from "node:os";
import { performance } from "node:perf_hooks";
import { threadId } from "node:worker_threads";
import type { PiPool } from "@workshop/core";
import { describeError } from "./describe-error.ts";
import type { LearnerSide } from "./learner-side.ts";
import { type ObservedSplit, repeatProblem, type StructuralProblem, splitProblem } from "./split-rules.ts";
import type { TaskRecorder } from "./task-recorder.ts";
import { decide, judgeWindow, type TimedPair, type TimingDecision, type WindowResult } from "./timing-rules.ts";

/** The learner's split (`calcPiSplit`), as the grader calls it. */
export type SplitFunction = (pool: PiPool, samplesPerTask: number, tasks: number) => Promise<unknown>;

/**
 * The samples of every task the grader asks the split for, on any number of cores: more than any task of the
 * exercise's tests (at most 2^22), so a split that quietly caps its tasks at a size the tests would not notice
 * is caught, however many threads share the work. A task takes about 25 ms on one core here (the kernel draws
 * about 240 million samples/s).
 */
export const TASK_SAMPLES = 6_000_000;
/** Tasks per thread in each call: more tasks than threads, as in the lesson, where the jobs outnumber the cores. */
export const TASKS_PER_THREAD = 2;
/**
 * The serial run's samples, at most: about 100 ms here. Long enough that scheduling jitter (a few ms) moves a
 * ratio by a few percent. On 2 cores the split asks for just as many (4 tasks), so both sides do the same work;
 * on more cores the split's work grows with the threads, and the serial time is the measured time of these
 * samples scaled to the split's total. The kernel's cost is the same for every sample, so the scaling is exact
 * up to noise (see `gateSize`).
 */
export const SERIAL_SAMPLES = 24_000_000;
/** Pairs per window: the median of 5 is not moved by one or two pairs that a burst of other work spoiled. */
export const PAIRS_PER_WINDOW = 5;
/** A busy machine gets this many windows before the verdict is `inconclusive`. */
export const MAX_WINDOWS = 3;

/** How the gate sizes its calls for a pool of `threads`: the same shape on every machine. */
export interface GateSize {
  /** Tasks per call of the split. */
  tasks: number;
  samplesPerTask: number;
  /** Samples of the serial run that is timed; its time is scaled to `tasks × samplesPerTask`. */
  serialSamples: number;
}

/**
 * The size of every call, for a pool of `threads`. Each thread gets the same work on every machine (two tasks of
 * TASK_SAMPLES), so on N real cores a split takes about as long as on 2 (about 50 ms here) and the serial run is at
 * most SERIAL_SAMPLES: a pair costs about 0.2 s and a window of 5 about 1 s, whatever N is. What grows with N is
 * only the serial time's scale factor (32 at 64 threads), which multiplies a measurement of over 100 ms.
 */
export function gateSize(threads: number): GateSize {
  const tasks = TASKS_PER_THREAD * threads;
  return { tasks, samplesPerTask: TASK_SAMPLES, serialSamples: Math.min(SERIAL_SAMPLES, tasks * TASK_SAMPLES) };
}

/** The measured part of a speedup report. */
export interface GateOutcome {
  /** The first structural problem found: a hard failure. */
  problem?: StructuralProblem;
  decision?: TimingDecision;
  windows: WindowResult[];
}

/**
 * The speedup gate for one split: every call is checked for structure (where and how the work ran,
 * how much of it, and whether the answer came from it), and alternating pairs of serial and split runs
 * measure the speedup.
 */
export class SplitGate {
  readonly #split: SplitFunction;
  readonly #name: string;
  readonly #pool: PiPool;
  readonly #recorder: TaskRecorder;
  readonly #learner: LearnerSide;
  readonly #cores: number;
  readonly #tasks: number;
  readonly #samplesPerTask: number;
  readonly #calls: ObservedSplit[] = [];
  /**
   * How long one sample takes on one core, in ms: the fastest serial run so far. A serial run slowed by other
   * programs, or by a kernel not yet compiled to its fastest, would overstate what missing work costs, and the
   * main-thread rule (which compares the main thread's busy time with that cost) would then miss a kernel run
   * on the main thread and report it under another name.
   */
  #msPerSample = Number.POSITIVE_INFINITY;

  readonly #serialSamples: number;

  constructor(
    split: SplitFunction,
    name: string,
    pool: PiPool,
    watched: { recorder: TaskRecorder; learner: LearnerSide },
    cores: number,
  ) {
    this.#split = split;
    this.#name = name;
    this.#pool = pool;
    this.#recorder = watched.recorder;
    this.#learner = watched.learner;
    this.#cores = cores;
    const size = gateSize(pool.threads);
    this.#tasks = size.tasks;
    this.#samplesPerTask = size.samplesPerTask;
    this.#serialSamples = size.serialSamples;
  }

  /**
   * One serial run (which times a sample on one core), then two calls of the split, checked: enough to catch
   * every structural problem, including an answer kept from the previous call, before any time is spent on
   * timing. They also warm up the learner's code, so the timed pairs do not pay for compiling it.
   */
  async checkStructure(): Promise<StructuralProblem | undefined> {
    await this.#timeSerial();
    for (let call = 0; call < 2; call++) {
      const { problem } = await this.#timeSplit();
      if (problem) return problem;
    }
    return repeatProblem(this.#calls);
  }

  /** Measures windows of pairs until the timing decides, checking the structure of every call on the way. */
  async measure(onPair?: (ratios: number[]) => void): Promise<GateOutcome> {
    const windows: WindowResult[] = [];
    for (;;) {
      // Garbage left by what ran before (the learner's sweep and plot in 10) would otherwise be collected on the
      // main thread in the middle of a timed split.
      collectGarbage();
      const pairs: TimedPair[] = [];
      for (let index = 0; index < PAIRS_PER_WINDOW; index++) {
        // Alternate which runs first, so that a machine getting busier or quieter favours neither.
        const serialFirst = index % 2 === 0;
        const before = serialFirst ? await this.#timeSerial() : undefined;
        const split = await this.#timeSplit();
        if (split.problem) return { problem: split.problem, windows };
        const serial = before ?? (await this.#timeSerial());
        pairs.push({ serialMs: serial.ms, serialCpuMs: serial.cpuMs, ...split.pair });
        process.stderr.write(`pair serial ${serial.ms.toFixed(0)} split ${split.pair.splitMs.toFixed(0)}\n`);
        onPair?.(pairs.map((pair) => pair.serialMs / pair.splitMs));
      }
      const repeated = repeatProblem(this.#calls);
      if (repeated) return { problem: repeated, windows };
      windows.push(judgeWindow(pairs, this.#cores));
      const decision = decide(windows, MAX_WINDOWS);
      if (decision !== "measure-again") return { decision, windows };
    }
  }

  /**
   * The split's total samples as one task on the pool: what the split is compared with. Past 2 cores, a part of
   * them is timed and the time scaled to the whole (see SERIAL_SAMPLES).
   */
  async #timeSerial(): Promise<{ ms: number; cpuMs: number }> {
    this.#recorder.begin("serial");
    const cpu = process.cpuUsage();
    const startedAt = performance.now();
    await this.#pool.runTask(this.#serialSamples);
    const ms = performance.now() - startedAt;
    this.#msPerSample = Math.min(this.#msPerSample, ms / this.#serialSamples);
    const scale = (this.#samplesPerTask * this.#tasks) / this.#serialSamples;
    return { ms: ms * scale, cpuMs: cpuMs(process.cpuUsage(cpu)) * scale };
  }

  async #timeSplit(): Promise<{ problem?: StructuralProblem; pair: Omit<TimedPair, "serialMs" | "serialCpuMs"> }> {
    const label = `split ${this.#calls.length + 1}`;
    this.#recorder.begin(label);
    const idle = machineIdleMs();
    const watching = this.#learner.watch(label);
    const loop = performance.eventLoopUtilization();
    const cpu = process.cpuUsage();
    const startedAt = performance.now();
    let estimate: unknown;
    let error: string | undefined;
    try {
      estimate = await this.#split(this.#pool, this.#samplesPerTask, this.#tasks);
    } catch (thrown) {
      error = describeError(thrown);
    }
    const ms = performance.now() - startedAt;
    const used = process.cpuUsage(cpu);
    const ownMainMs = performance.eventLoopUtilization(loop).active;
    const learner = watching();
    const pair = {
      splitMs: ms,
      splitCpuMs: cpuMs(used) + learner.cpuMs,
      // This process's main thread, and the learner's process apart from it (nothing, where they are one).
      splitMainMs: ownMainMs + learner.cpuMs,
      splitIdleMs: machineIdleMs() - idle,
    };
    this.#recorder.begin("between calls");
    const { finished, unfinished } = this.#recorder.tasks(label);
    const call: ObservedSplit = {
      finished,
      unfinished,
      foreign: learner.foreign,
      name: this.#name,
      samplesPerTask: this.#samplesPerTask,
      tasks: this.#tasks,
      estimate,
      mainThreadBusy: ms > 0 ? Math.min(1, learner.mainThreadMs / ms) : 0,
      mainThreadBusyMs: learner.mainThreadMs,
      poolThreads: this.#pool.threads,
      msPerSample: this.#msPerSample,
    };
    if (error !== undefined) call.error = error;
    this.#calls.push(call);
    const problem = splitProblem(call, threadId);
    return problem ? { problem, pair } : { pair };
  }
}

function cpuMs(usage: NodeJS.CpuUsage): number {
  return (usage.user + usage.system) / 1000;
}

/** CPU time the machine's cores have spent idle since boot, summed (10 ms resolution on Linux). */
function machineIdleMs(): number {
  return cpus().reduce((total, core) => total + core.times.idle, 0);
}

/** A full garbage collection, when the process was started with `--expose-gc` (the speedup process is). */
function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}
