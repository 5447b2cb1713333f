import { threadId } from "node:worker_threads";
import { createPiPool, type PiPool } from "@workshop/core";
import { afterAll, beforeAll, describe, expect, it, onTestFinished, vi } from "vitest";
import { calcPiInThread, calcPiOnMainThread } from "./pi-in-a-thread.ts";

// One warmed pool for the whole file: starting threads and compiling the kernel in each takes a moment,
// and the tests measure the work, not the start-up.
let pool: PiPool;
beforeAll(async () => {
  pool = await createPiPool();
});
afterAll(async () => {
  await pool?.close();
});

/**
 * Six standard errors of the estimate 4 * hits / samples: each point is inside the circle with probability
 * p = pi/4, so the estimate's standard deviation is 4 * sqrt(p(1 - p) / samples). A correct estimate falls
 * outside six of them about twice in a billion runs.
 */
function sixStandardErrors(samples: number): number {
  const p = Math.PI / 4;
  return 6 * 4 * Math.sqrt((p * (1 - p)) / samples);
}

/** Runs `work` while a 5 ms interval counts its ticks: the ticks show whether the event loop was free meanwhile. */
async function ticksDuring<T>(work: () => Promise<T>): Promise<{ ticks: number; value: T }> {
  let ticks = 0;
  const interval = setInterval(() => {
    ticks += 1;
  }, 5);
  try {
    const value = await work();
    return { ticks, value };
  } finally {
    clearInterval(interval);
  }
}

/** The tasks the pool has logged since this call; read it again after the work to see what ran. */
function tasksFromNowOn(thePool: PiPool) {
  const before = thePool.tasks.length;
  return () => thePool.tasks.slice(before);
}

describe("calcPiInThread(pool, samples)", () => {
  it("estimates pi: within six standard errors for 4 000 000 samples", async () => {
    const samples = 4_000_000;
    const estimate = await calcPiInThread(pool, samples);
    expect(typeof estimate, "the promise resolves to the estimate, a number").toBe("number");
    expect(Math.abs(estimate - Math.PI)).toBeLessThan(sixStandardErrors(samples));
  });

  it("runs the work as one task on a worker thread, and returns that task's estimate", async () => {
    const samples = 1_000_003;
    const newTasks = tasksFromNowOn(pool);
    const estimate = await calcPiInThread(pool, samples);
    const tasks = newTasks();
    expect(tasks, "one call of calcPiInThread sends exactly one task to the pool").toHaveLength(1);
    const task = tasks[0];
    expect(task?.samples, "the task draws the requested number of samples").toBe(samples);
    expect(task?.threadId, "the task ran on one of the pool's threads, not on this (the main) thread").not.toBe(
      threadId,
    );
    expect(estimate, "the result is the worker's count, 4 * hits / samples, not one computed here").toBe(
      (4 * (task?.hits ?? Number.NaN)) / samples,
    );
  });

  it("hands the pool the number of samples, not a result computed beforehand", async () => {
    // runTask is where every task enters the pool, through pool.run or directly.
    const runTask = vi.spyOn(pool, "runTask");
    onTestFinished(() => runTask.mockRestore());
    const samples = 123_457;
    const error = await calcPiInThread(pool, samples).then(
      () => undefined,
      (reason: unknown) => reason,
    );
    expect(runTask, "calcPiInThread must send its work to the pool, once").toHaveBeenCalledTimes(1);
    expect(
      runTask.mock.calls[0]?.[0],
      "the pool needs the number of samples, the work to do. pool.run(calcPi(samples)) computes pi on the main " +
        "thread first and hands the pool the result, 3.14...: pass `samples` and let the worker call the kernel.",
    ).toBe(samples);
    expect(error).toBeUndefined();
  });

  it("keeps the event loop free while the worker computes, unlike the same work on the main thread", async () => {
    // Equal work on both sides: about 0.1-0.3 s of computing on a typical machine, 20 to 60 ticks of 5 ms.
    const samples = 20_000_000;

    const inThread = await ticksDuring(() => calcPiInThread(pool, samples));
    // Only 3 ticks are required, far fewer than expected, so a busy machine that delays timers cannot fail the
    // test; a slower machine computes longer and so gives the interval more chances to fire, not fewer.
    expect(
      inThread.ticks,
      "a 5 ms interval kept firing while the worker computed: the main thread was free. Few or no ticks " +
        "mean the work ran on the main thread.",
    ).toBeGreaterThanOrEqual(3);
    expect(Math.abs(inThread.value - Math.PI)).toBeLessThan(sixStandardErrors(samples));

    // The contrast (the given code): one synchronous loop on the main thread lets no timer fire until it ends,
    // `async` or not. This also proves the interval above measures what it claims.
    const onMainThread = await ticksDuring(() => calcPiOnMainThread(samples));
    expect(onMainThread.ticks, "the main thread was busy computing, so the interval could not fire").toBe(0);
  });
});
