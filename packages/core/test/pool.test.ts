import { availableParallelism } from "node:os";
import { threadId } from "node:worker_threads";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPiPool, type PiPool } from "../src/pool/pi-pool.ts";
import { resolveWorkerFile } from "../src/pool/worker-file.ts";

describe("the pi pool", () => {
  let pool: PiPool;
  beforeAll(async () => {
    pool = await createPiPool({ seed: 5 });
  });
  afterAll(async () => {
    await pool.close();
  });

  it("is sized to the cores and logs nothing for its warm-up", () => {
    expect(pool.threads).toBe(availableParallelism());
    expect(pool.tasks).toEqual([]);
  });

  it("runs tasks on worker threads and logs each with its samples, seed and times", async () => {
    const before = pool.tasks.length;
    const estimates = await Promise.all([pool.run(200_000), pool.run(200_000)]);
    const logged = pool.tasks.slice(before);
    expect(logged).toHaveLength(2);
    for (const task of logged) {
      expect(task.threadId).not.toBe(threadId);
      expect(task.samples).toBe(200_000);
      expect(task.endedAt).toBeGreaterThanOrEqual(task.startedAt);
      expect(estimates).toContain((4 * task.hits) / task.samples);
    }
    expect(logged[0]?.seed, "each task draws its own samples").not.toBe(logged[1]?.seed);
  });

  it("uses every thread when given as many tasks as threads, after warm-up", async () => {
    const before = pool.tasks.length;
    // Large enough that one thread cannot finish its task before the others have started theirs.
    await Promise.all(Array.from({ length: pool.threads * 4 }, () => pool.run(2_000_000)));
    const threads = new Set(pool.tasks.slice(before).map((t) => t.threadId));
    expect(threads.size).toBe(pool.threads);
  });

  it("replays a task exactly when given its seed", async () => {
    expect(await pool.run(100_000, 77)).toBe(await pool.run(100_000, 77));
  });

  it("refuses a computed result in place of a sample count, before any thread is bothered", async () => {
    await expect(pool.run(3.14)).rejects.toThrow(/pass the number of samples instead/);
  });
});

describe("choosing the worker file", () => {
  it("uses a current compiled worker, or the TypeScript source with a loader that can run it", () => {
    const { filename, execArgv } = resolveWorkerFile();
    if (filename.endsWith(".js")) expect(execArgv).toEqual([]);
    else expect(filename).toMatch(/pi-worker\.ts$/);
  });
});
