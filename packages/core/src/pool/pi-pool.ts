import { availableParallelism } from "node:os";
import { Piscina } from "piscina";
import { assertSampleCount } from "../kernel/calc-pi.ts";
import { randomSeed, taskSeed } from "../kernel/seeds.ts";
import { type BatchReply, decodeReply, encodeBatch } from "./batch-message.ts";
import { splitIntoBatches } from "./batches.ts";
import type { PiTask, PiTaskResult } from "./task.ts";
import { logFinished } from "./task-log.ts";
import { resolveWorkerFile } from "./worker-file.ts";

export interface PiPoolOptions {
  /** Worker threads; defaults to the machine's cores, since more threads than cores only take turns. */
  threads?: number;
  /** Base seed of the per-task seeds; defaults to a random one, so two runs give different estimates. */
  seed?: number;
  /**
   * Whether tasks started in the same tick share messages to the workers (the default). `false` sends every
   * task in a message of its own, as `asyncio.to_thread` does: tens of microseconds more per task, which the
   * benchmark uses to show what coalescing saves.
   */
  coalesce?: boolean;
}

/** A task waiting for the end of the tick, when it goes to a worker in a batch with the others started with it. */
interface PendingTask extends PiTask {
  resolve: (result: PiTaskResult) => void;
  reject: (error: unknown) => void;
}

/** Made once rather than per call: at 10^5 tasks in a tick, every object allocated per task shows in the time. */
const estimateOf = (result: PiTaskResult): number => (4 * result.hits) / result.samples;

/**
 * Batches per thread for the tasks of one tick. One batch per thread would be the fewest messages, but leaves a
 * thread idle whenever the threads run at different speeds (another process takes a core); four let a faster
 * thread take more of them, for a few messages per tick more.
 */
const BATCHES_PER_THREAD = 4;

/**
 * Where the open pools are kept: a global symbol, so that a test's setup file can count them without importing
 * (and paying for) the whole package, and every copy of this module in one process counts the same pools.
 */
export const OPEN_POOLS = Symbol.for("@workshop/core open pools");

/**
 * Pools that were created and not closed yet. piscina lets a process exit with threads still running, so a
 * forgotten `close()` goes unnoticed: this set lets tests fail on it, and the process warn about it on exit.
 */
const openPools: Set<PiPool> =
  ((globalThis as Record<symbol, unknown>)[OPEN_POOLS] as Set<PiPool> | undefined) ?? new Set();
(globalThis as Record<symbol, unknown>)[OPEN_POOLS] = openPools;

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

/**
 * The warm-up batch each thread runs: several calls of the kernel, not one. V8 compiles a long loop while it
 * runs (on-stack replacement), but that first call leaves the call sites before the loop without type feedback,
 * so the first compiled version of the whole function is thrown away on the next call; a few short calls settle
 * it, with enough samples for the loop to get hot and too few to take measurable time.
 */
const WARM_UP_BATCH = Array.from({ length: 4 }, (_, i) => ({ samples: 1 << 16, seed: i + 1 }));
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
 *
 * Tasks started in the same tick (a `Promise.all` over many `run` calls) travel together: a message to a worker
 * costs tens of microseconds, so one message per task would cost more than a small task's work. The pool splits
 * them into a few batches per thread; each task is still run, timed and logged on its own, with the thread that
 * ran it. A `run` awaited before the next one is started travels alone, as before.
 */
export class PiPool implements AsyncDisposable {
  readonly threads: number;
  /** Every task run through `run` or `runTask`, in the order they finished. Warm-up tasks are not logged. */
  readonly tasks: PiTaskResult[] = [];
  readonly #piscina: Piscina<Float64Array, BatchReply>;
  readonly #baseSeed: number;
  readonly #coalesce: boolean;
  #tasksStarted = 0;
  #pending: PendingTask[] = [];

  constructor({ threads = availableParallelism(), seed = randomSeed(), coalesce = true }: PiPoolOptions = {}) {
    if (!Number.isInteger(threads) || threads < 1) {
      throw new RangeError(`a pool needs a whole number of threads, at least 1; got ${threads}`);
    }
    const { filename, execArgv } = resolveWorkerFile();
    this.threads = threads;
    this.#baseSeed = seed;
    this.#coalesce = coalesce;
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
  run(samples: number, seed?: number): Promise<number> {
    // Through runTask, the one door every task comes in by: tests spy on it to see what a solution sent.
    return this.runTask(samples, seed).then(estimateOf);
  }

  /** Like `run`, but resolves to the whole record: hits, seed, thread and timings. */
  runTask(samples: number, seed?: number): Promise<PiTaskResult> {
    // Checked and numbered now, not at the end of the tick: a bad count fails the call that passed it, before
    // any thread is bothered, and the seeds follow the order of the calls.
    try {
      assertSampleCount(samples);
    } catch (error) {
      return Promise.reject(error);
    }
    const ownSeed = seed ?? taskSeed(this.#baseSeed, this.#tasksStarted);
    this.#tasksStarted++;
    return new Promise((resolve, reject) => {
      // The first task of a tick schedules the dispatch for the end of it; the others join the queue.
      if (this.#pending.length === 0) queueMicrotask(() => this.#dispatch());
      this.#pending.push({ samples, seed: ownSeed, resolve, reject });
    });
  }

  /** Sends the tasks started in this tick to the workers, in batches, and settles each task when its batch is back. */
  #dispatch(): void {
    const pending = this.#pending;
    if (pending.length === 0) return;
    this.#pending = [];
    const batchCount = this.#coalesce ? this.threads * BATCHES_PER_THREAD : pending.length;
    for (const batch of splitIntoBatches(pending, batchCount)) {
      this.#piscina
        .run(encodeBatch(batch))
        .then((reply) => {
          const results = decodeReply(batch, reply);
          logFinished(this.tasks, results);
          for (const [i, result] of results.entries()) batch[i]?.resolve(result);
        })
        .catch((error: unknown) => {
          // A worker that failed, a pool closed under the batch, or a reply that does not fit: every task of the
          // batch not settled yet is rejected with it (rejecting a resolved promise does nothing), none hangs.
          for (const { reject } of batch) reject(error);
        });
    }
  }

  /**
   * Starts every thread and lets V8 compile the kernel in each, so the first timed call measures the work and
   * not the start-up (the lesson's `calc_pi(1)` before timing does the same for Numba's compiler).
   */
  async warmUp(): Promise<void> {
    const warmed = new Set<number>();
    for (let round = 0; round < WARM_UP_ROUNDS && warmed.size < this.threads; round++) {
      const burst = Array.from({ length: this.threads }, () => this.#piscina.run(encodeBatch(WARM_UP_BATCH)));
      for (const { threadId } of await Promise.all(burst)) warmed.add(threadId);
    }
  }

  /** Stops every thread. Pending tasks are rejected. */
  async close(): Promise<void> {
    openPools.delete(this);
    // Tasks started in this tick go to piscina first, so that they are rejected like those already sent.
    this.#dispatch();
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
