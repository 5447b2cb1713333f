import { availableParallelism } from "node:os";
import { Piscina } from "piscina";
import { assertSampleCount } from "../kernel/calc-pi.ts";
import { randomSeed, taskSeed } from "../kernel/seeds.ts";
import type { PiTask, PiTaskResult } from "./task.ts";
import { resolveWorkerFile } from "./worker-file.ts";

export interface PiPoolOptions {
  /** Worker threads; defaults to the machine's cores, since more threads than cores only take turns. */
  threads?: number;
  /** Base seed of the per-task seeds; defaults to a random one, so two runs give different estimates. */
  seed?: number;
}

/**
 * Pools that were created and not closed yet. piscina lets a process exit with threads still running, so a
 * forgotten `close()` goes unnoticed: this set lets tests fail on it, and the process warn about it on exit.
 */
const openPools = new Set<PiPool>();

/** How many pools are open now: a test can check that the code under test closed every pool it made. */
export function openPoolCount(): number {
  return openPools.size;
}

let exitWarningInstalled = false;
function warnOnExitAboutOpenPools(): void {
  if (exitWarningInstalled) return;
  exitWarningInstalled = true;
  process.once("exit", () => {
    if (openPools.size === 0) return;
    process.stderr.write(
      `warning: ${openPools.size} worker pool(s) never closed. Close each pool when you are done with it: ` +
        "`await pool.close()`, or create it with `await using pool = await createPiPool()`.\n",
    );
  });
}

/** Samples per warm-up task: enough for V8 to compile the kernel's loop, too few to take measurable time. */
const WARM_UP_SAMPLES = 1 << 18;
const WARM_UP_ROUNDS = 20;

/**
 * A pool of worker threads that run the Monte Carlo kernel: the workshop's `asyncio.to_thread`.
 *
 * It is sized to the cores and keeps its threads alive between bursts (piscina's defaults would start 1.5x the
 * cores and let idle threads die and respawn, which pollutes every timing). Create it with `createPiPool`,
 * which warms it up, and close it with `await using` or `close()`. An open pool does not keep Node running
 * (piscina unrefs its threads), so a forgotten one would go unnoticed: the exercise tests fail on it, and a
 * script warns about it when it exits.
 *
 * Every task is logged in `tasks`, with its thread and timings, so tests and the grader can check what ran where.
 */
export class PiPool implements AsyncDisposable {
  readonly threads: number;
  /** Every task run through `run` or `runTask`, in the order they finished. Warm-up tasks are not logged. */
  readonly tasks: PiTaskResult[] = [];
  readonly #piscina: Piscina<PiTask, PiTaskResult>;
  readonly #baseSeed: number;
  #tasksStarted = 0;

  constructor({ threads = availableParallelism(), seed = randomSeed() }: PiPoolOptions = {}) {
    if (!Number.isInteger(threads) || threads < 1) {
      throw new RangeError(`a pool needs a whole number of threads, at least 1; got ${threads}`);
    }
    const { filename, execArgv } = resolveWorkerFile();
    this.threads = threads;
    this.#baseSeed = seed;
    this.#piscina = new Piscina({
      filename,
      execArgv,
      minThreads: threads,
      maxThreads: threads,
      idleTimeout: Number.POSITIVE_INFINITY,
    });
    warnOnExitAboutOpenPools();
    openPools.add(this);
  }

  /** Estimates pi from `samples` points in a worker thread; each call draws its own seed unless given one. */
  async run(samples: number, seed?: number): Promise<number> {
    const { hits } = await this.runTask(samples, seed);
    return (4 * hits) / samples;
  }

  /** Like `run`, but resolves to the whole record: hits, seed, thread and timings. */
  async runTask(samples: number, seed?: number): Promise<PiTaskResult> {
    assertSampleCount(samples);
    const taskNumber = this.#tasksStarted++;
    const result = await this.#piscina.run({ samples, seed: seed ?? taskSeed(this.#baseSeed, taskNumber) });
    this.tasks.push(result);
    return result;
  }

  /**
   * Starts every thread and lets V8 compile the kernel in each, so the first timed call measures the work and
   * not the start-up (the lesson's `calc_pi(1)` before timing does the same for Numba's compiler).
   */
  async warmUp(): Promise<void> {
    const warmed = new Set<number>();
    for (let round = 0; round < WARM_UP_ROUNDS && warmed.size < this.threads; round++) {
      const burst = Array.from({ length: this.threads }, (_, i) =>
        this.#piscina.run({ samples: WARM_UP_SAMPLES, seed: i + 1 }),
      );
      for (const { threadId } of await Promise.all(burst)) warmed.add(threadId);
    }
  }

  /** Stops every thread. Pending tasks are rejected. */
  async close(): Promise<void> {
    openPools.delete(this);
    await this.#piscina.close({ force: true });
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }
}

/** Creates a pool sized to the cores (unless told otherwise) and warms it up before handing it out. */
export async function createPiPool(options: PiPoolOptions = {}): Promise<PiPool> {
  const pool = new PiPool(options);
  await pool.warmUp();
  return pool;
}
