import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { createPiPool, PiPool } from "@workshop/core";
import { type BenchContext, runs, type Section } from "../context.ts";
import { type Figure, measured } from "../figure.ts";
import { TARGETS } from "../lesson.ts";
import { compiledCoreIsCurrent } from "../paths.ts";
import { repeat } from "../progress.ts";

const plainWorker = fileURLToPath(new URL("../../fixtures/plain-worker.js", import.meta.url));
const tsxWorker = fileURLToPath(new URL("../../fixtures/tsx-worker-start.js", import.meta.url));
/** Small enough that the first result measures starting the thread, not the work. */
const SAMPLES = 1000;

/** Milliseconds from creating a bare worker to its first result. */
async function bareWorker(file: string, execArgv: string[] = []): Promise<number> {
  const start = performance.now();
  const worker = new Worker(file, { execArgv });
  try {
    await new Promise((resolve, reject) => {
      worker.once("message", resolve);
      worker.once("error", reject);
      worker.postMessage({ samples: SAMPLES, seed: 1 });
    });
    return performance.now() - start;
  } finally {
    await worker.terminate();
  }
}

/** Milliseconds from creating a one-thread pool, unwarmed, to its first result. */
async function oneThreadPool(): Promise<number> {
  const start = performance.now();
  const pool = new PiPool({ threads: 1 });
  try {
    await pool.run(SAMPLES);
    return performance.now() - start;
  } finally {
    await pool.close();
  }
}

/** Milliseconds from `createPiPool()` (every core, warmed up) to its first result: what an exercise pays. */
async function warmedPool(): Promise<number> {
  const start = performance.now();
  await using pool = await createPiPool();
  await pool.run(SAMPLES);
  return performance.now() - start;
}

/**
 * Start-up to first result: the pool's thread against a bare worker in plain JavaScript, run by run. A worker
 * loaded through tsx, and a full warmed-up pool, are shown beside them.
 */
export const startupSection: Section = {
  id: "startup",
  title: "pool start-up",
  async run(context: BenchContext) {
    const tsx = import.meta.resolve("tsx");
    const pairs = await repeat(context.progress, "plain worker, then 1-thread pool", runs(context, 9), async () => ({
      plain: await bareWorker(plainWorker),
      pool: await oneThreadPool(),
    }));
    const viaTsx = await repeat(context.progress, "worker through tsx", runs(context, 3), () =>
      bareWorker(tsxWorker, ["--import", tsx]),
    );
    const warmed = await repeat(context.progress, "createPiPool(), warmed", runs(context, 3), warmedPool);
    const compiled = compiledCoreIsCurrent();
    const figures: Figure[] = [
      measured(
        "startup.plainWorker",
        "bare plain-JS worker, first result",
        "ms",
        pairs.map((p) => p.plain),
      ),
      measured(
        "startup.pool",
        "1-thread pool, first result",
        "ms",
        pairs.map((p) => p.pool),
        {
          note: compiled ? "worker: compiled dist/pool/pi-worker.js" : "worker: TypeScript source (dist stale)",
        },
      ),
      measured(
        "startup.poolVsPlainWorker",
        "1-thread pool / bare plain-JS worker",
        "x",
        pairs.map((p) => p.pool / p.plain),
        { target: { atMost: TARGETS.startupVsPlainWorker }, note: "ratio taken run by run" },
      ),
      measured("startup.tsxWorker", "bare worker through tsx, first result", "ms", viaTsx),
      measured("startup.warmedPool", "createPiPool() (all cores, warmed), first result", "ms", warmed),
    ];
    return { figures, data: { samples: SAMPLES, compiledWorker: compiled } };
  },
};
