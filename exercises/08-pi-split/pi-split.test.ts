import { threadId as mainThreadId } from "node:worker_threads";
import { createPiPool, type PiPool, type PiTaskResult } from "@workshop/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { calcPiSplit } from "./pi-split.ts";

/**
 * A stand-in for the pool whose tasks finish only when the test says so. It shows, without any timing, whether
 * calcPiSplit starts every task before it waits for one: awaiting in a loop would start just one.
 */
function controlledPool(estimates: number[]) {
  const started: number[] = [];
  const finishers: Array<() => void> = [];
  let released = false;
  const start = <T>(samples: number, value: T): Promise<T> => {
    started.push(samples);
    return new Promise<T>((resolve) => {
      if (released) resolve(value);
      else finishers.push(() => resolve(value));
    });
  };
  const estimateOf = (taskNumber: number) => estimates[taskNumber % estimates.length] ?? 0;
  const pool = {
    threads: 2,
    tasks: [] as PiTaskResult[],
    run(samples: number): Promise<number> {
      return start(samples, estimateOf(started.length));
    },
    runTask(samples: number, seed = started.length + 1): Promise<PiTaskResult> {
      const hits = (estimateOf(started.length) * samples) / 4;
      return start(samples, { samples, seed, hits, threadId: 1, startedAt: 0, endedAt: 0 });
    },
  };
  return {
    pool: pool as unknown as PiPool,
    started,
    /** Lets every task started so far, and every later one, finish. */
    releaseAll() {
      released = true;
      for (const finish of finishers.splice(0)) finish();
    },
  };
}

/** Lets calcPiSplit run as far as it can before anything it waits for has finished. */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

/** The pool logs every task it runs: calcPiSplit should run exactly the tasks asked for, on the pool. */
const ONE_RECORD_PER_TASK = "the pool's log should show one task per requested task, no more and no fewer";

const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;

describe("calcPiSplit(pool, samplesPerTask, tasks) with tasks that finish on command", () => {
  it("starts every task before it waits for any of them", async () => {
    const controlled = controlledPool([3.0, 3.2, 3.1, 3.3]);
    const result = calcPiSplit(controlled.pool, 1000, 4);
    // Handled here, awaited below: a failure shows up as this test's error, not as an unhandled rejection.
    result.catch(() => {});
    try {
      await settle();
      expect(
        controlled.started.length,
        "while the first task was still running, calcPiSplit should already have started all 4: call pool.run " +
          "for every task first, collect the promises, then await them together with Promise.all",
      ).toBe(4);
    } finally {
      controlled.releaseAll();
    }
    await result;
  });

  it("asks the pool for samplesPerTask samples in each task, and returns the mean of the estimates", async () => {
    const controlled = controlledPool([3.0, 3.2, 3.1, 3.3]);
    controlled.releaseAll();
    const pi = await calcPiSplit(controlled.pool, 1000, 4);
    expect(controlled.started, "each task gets samplesPerTask samples (a number, not calcPi's result)").toEqual([
      1000, 1000, 1000, 1000,
    ]);
    expect(pi, "the mean of the four estimates 3.0, 3.2, 3.1 and 3.3").toBeCloseTo(3.15, 12);
  });
});

describe("calcPiSplit(pool, samplesPerTask, tasks) on a real worker pool", () => {
  let pool: PiPool;
  beforeAll(async () => {
    pool = await createPiPool();
  });
  afterAll(async () => {
    await pool?.close();
  });

  /** Runs calcPiSplit and returns its answer together with the records of the tasks it ran. */
  async function split(samplesPerTask: number, tasks: number) {
    const before = pool.tasks.length;
    const pi = await calcPiSplit(pool, samplesPerTask, tasks);
    return { pi, records: pool.tasks.slice(before) };
  }

  it("runs exactly `tasks` tasks of `samplesPerTask` samples: the total work is what was asked", async () => {
    const { records } = await split(2 ** 16, 5);
    expect(records.length, ONE_RECORD_PER_TASK).toBe(5);
    for (const record of records) {
      expect(record.samples, "every task should throw samplesPerTask points").toBe(2 ** 16);
    }
  });

  it("runs every task on a worker thread, off the main thread", async () => {
    const { records } = await split(2 ** 16, 3);
    expect(records.length, ONE_RECORD_PER_TASK).toBe(3);
    for (const record of records) {
      expect(record.threadId, "a task ran on the test's own thread: use the pool, not calcPi directly").not.toBe(
        mainThreadId,
      );
    }
  });

  it("runs the tasks at the same time, on several threads", async () => {
    // Big enough tasks (about 40 ms each) that a second thread picks one up long before the first is done.
    const tasks = Math.max(4, 2 * pool.threads);
    const threadsExpected = Math.min(pool.threads, tasks);
    // On a busy machine one thread may take every task before another is given the CPU: up to three tries. A
    // split that awaits its tasks one after another never runs two at once, however often it is tried.
    let threadsUsed = 0;
    let overlapping = false;
    for (let attempt = 0; attempt < 3 && !(threadsUsed === threadsExpected && overlapping); attempt++) {
      const { records } = await split(2 ** 22, tasks);
      expect(records.length, ONE_RECORD_PER_TASK).toBe(tasks);
      threadsUsed = Math.max(threadsUsed, new Set(records.map((record) => record.threadId)).size);
      overlapping ||=
        threadsExpected < 2 ||
        records.some((a, i) =>
          records.some((b, j) => i !== j && Math.max(a.startedAt, b.startedAt) < Math.min(a.endedAt, b.endedAt)),
        );
    }
    expect(threadsUsed, `${tasks} tasks started at once should keep all ${threadsExpected} threads busy`).toBe(
      threadsExpected,
    );
    expect(
      overlapping,
      "no two tasks ran at the same time: their [startedAt, endedAt] intervals never overlap. That is what " +
        "awaiting one pool.run after another looks like; start them all first, then await Promise.all",
    ).toBe(true);
  });

  it("gives every task its own seed, so no two tasks throw the same points", async () => {
    const { records } = await split(2 ** 12, 8);
    expect(records.length, ONE_RECORD_PER_TASK).toBe(8);
    const seeds = new Set(records.map((record) => record.seed));
    expect(
      seeds.size,
      "tasks with the same seed repeat each other's samples; let pool.run pick a fresh seed for each task",
    ).toBe(8);
  });

  it("returns the mean of the estimates of the tasks it ran", async () => {
    const { pi, records } = await split(2 ** 14, 6);
    expect(records.length, ONE_RECORD_PER_TASK).toBe(6);
    const estimates = records.map((record) => (4 * record.hits) / record.samples);
    expect(pi, "the answer should be computed from the tasks' results").toBeCloseTo(mean(estimates), 12);
  });

  it("is statistically consistent with pi", async () => {
    const { pi, records } = await split(2 ** 20, 8);
    expect(records.length, ONE_RECORD_PER_TASK).toBe(8);
    const totalSamples = records.reduce((sum, record) => sum + record.samples, 0);
    // Each sample lands in the circle with probability p = pi/4, so 4 * hits / n has standard error
    // 4 * sqrt(p (1 - p) / n) = sqrt(pi (4 - pi) / n). Six of them: a correct answer fails about once in 10^9 runs.
    const standardError = Math.sqrt((Math.PI * (4 - Math.PI)) / totalSamples);
    expect(Math.abs(pi - Math.PI), `within 6 standard errors (${6 * standardError}) of pi`).toBeLessThan(
      6 * standardError,
    );
  });
});
