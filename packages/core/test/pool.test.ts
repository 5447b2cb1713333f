import { availableParallelism } from "node:os";
import { threadId } from "node:worker_threads";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { taskSeed } from "../src/kernel/seeds.ts";
import { decodeReply, encodeBatch, runBatch } from "../src/pool/batch-message.ts";
import { splitIntoBatches } from "../src/pool/batches.ts";
import { createPiPool, PiPool } from "../src/pool/pi-pool.ts";
import type { PiTaskResult } from "../src/pool/task.ts";
import { logFinished } from "../src/pool/task-log.ts";
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

describe("tasks started in the same tick", () => {
  let pool: PiPool;
  beforeAll(async () => {
    pool = await createPiPool({ seed: 9 });
  });
  afterAll(async () => {
    await pool.close();
  });

  it("are batched, yet each is run, timed and logged on its own, and answers its own caller", async () => {
    const records = await Promise.all(Array.from({ length: 64 }, (_, i) => pool.runTask(2 ** 12 + i)));
    // Seeds are drawn in the order of the calls, and each caller gets the record of the task it asked for.
    expect(records.map((r) => r.seed)).toEqual(Array.from({ length: 64 }, (_, i) => taskSeed(9, i)));
    expect(records.map((r) => r.samples)).toEqual(Array.from({ length: 64 }, (_, i) => 2 ** 12 + i));
    expect(new Set(pool.tasks), "every record is in the log, once").toEqual(new Set(records));
    for (const record of records) expect(record.threadId).not.toBe(threadId);

    const endings = pool.tasks.map((t) => t.endedAt);
    expect(endings, "the log is in the order the tasks finished").toEqual([...endings].sort((a, b) => a - b));
    // A thread runs its batch one task after the other: its tasks' time spans never overlap.
    for (const thread of new Set(records.map((r) => r.threadId))) {
      const spans = pool.tasks.filter((t) => t.threadId === thread);
      for (let i = 1; i < spans.length; i++) {
        expect(spans[i]?.startedAt).toBeGreaterThanOrEqual(spans[i - 1]?.endedAt ?? Number.NaN);
      }
    }
  });

  it("fail one by one: a bad sample count rejects its own call, not the others of its tick", async () => {
    const outcomes = await Promise.allSettled([pool.run(1000), pool.run(Math.PI), pool.run(1000)]);
    expect(outcomes.map((o) => o.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
  });

  it("settle when the pool is closed in the same tick, rather than wait for a dispatch that never comes", async () => {
    const closing = new PiPool({ threads: 1 });
    const settled = closing.run(1000).then(
      () => "resolved",
      () => "rejected",
    );
    await closing.close();
    expect(["resolved", "rejected"]).toContain(await settled);
  });

  it("travel one per message when the pool is made with coalesce: false, with the same results", async () => {
    await using single = await createPiPool({ seed: 9, coalesce: false });
    const records = await Promise.all(Array.from({ length: 16 }, () => single.runTask(2 ** 12)));
    const batched = await Promise.all(Array.from({ length: 16 }, (_, i) => pool.runTask(2 ** 12, taskSeed(9, i))));
    expect(records.map((r) => r.hits)).toEqual(batched.map((r) => r.hits));
  });
});

describe("splitIntoBatches(tasks, count)", () => {
  const tasks = (...samples: number[]) => samples.map((s, id) => ({ samples: s, id }));

  it("gives every task a batch of its own when there are no more tasks than batches", () => {
    expect(splitIntoBatches(tasks(5, 6, 7), 8)).toEqual([
      [{ samples: 5, id: 0 }],
      [{ samples: 6, id: 1 }],
      [{ samples: 7, id: 2 }],
    ]);
  });

  it("splits equal tasks into equal runs of consecutive tasks, in order", () => {
    const input = tasks(...Array.from({ length: 4096 }, () => 8192));
    const batches = splitIntoBatches(input, 8);
    expect(batches.map((b) => b.length)).toEqual(Array.from({ length: 8 }, () => 512));
    expect(batches.flat()).toEqual(input);
  });

  it("shares out samples, not tasks: a big task gets a batch alone, the small ones share the others", () => {
    const batches = splitIntoBatches(tasks(300, ...Array.from({ length: 99 }, () => 1)), 4);
    expect(batches.map((b) => b.length)).toEqual([1, 33, 33, 33]);
  });

  it("never makes an empty batch, nor more than asked", () => {
    for (const count of [1, 2, 3, 7]) {
      for (const input of [tasks(1, 1000, 1, 1000, 1), tasks(1000, 1, 1, 1, 1, 1, 1, 1)]) {
        const batches = splitIntoBatches(input, count);
        expect(batches.length).toBe(Math.min(count, input.length));
        expect(batches.every((b) => b.length > 0)).toBe(true);
        expect(batches.flat()).toEqual(input);
      }
    }
  });

  it("needs at least one batch", () => {
    expect(() => splitIntoBatches(tasks(1), 0)).toThrow(RangeError);
  });
});

describe("logFinished(log, batch)", () => {
  const finished = (id: number, endedAt: number): PiTaskResult => ({
    samples: 1,
    seed: id,
    hits: 0,
    threadId: 1,
    startedAt: endedAt - 1,
    endedAt,
  });
  const ids = (log: PiTaskResult[]) => log.map((t) => t.seed);

  it("appends a batch that finished after everything logged", () => {
    const log = [finished(1, 10), finished(2, 20)];
    logFinished(log, [finished(3, 30), finished(4, 40)]);
    expect(ids(log)).toEqual([1, 2, 3, 4]);
  });

  it("merges a batch whose tasks finished between tasks already logged", () => {
    const log = [finished(1, 10), finished(2, 30), finished(3, 50)];
    logFinished(log, [finished(4, 20), finished(5, 40)]);
    expect(ids(log)).toEqual([1, 4, 2, 5, 3]);
  });

  it("keeps a task already logged ahead of one that finished at the same moment", () => {
    const log = [finished(1, 10)];
    logFinished(log, [finished(2, 10)]);
    expect(ids(log)).toEqual([1, 2]);
  });
});

describe("batch messages", () => {
  it("carry each task's samples and seed to the worker, and its hits and times back", () => {
    const tasks = [
      { samples: 2 ** 40, seed: 2 ** 32 - 1 },
      { samples: 7, seed: 0 },
    ];
    const seen: unknown[] = [];
    const reply = runBatch(encodeBatch(tasks), 12, (task) => {
      seen.push(task);
      return { hits: task.samples - 1, startedAt: 1000.25, endedAt: 1000.5 };
    });
    expect(seen).toEqual(tasks);
    expect(decodeReply(tasks, reply)).toEqual([
      { samples: 2 ** 40, seed: 2 ** 32 - 1, hits: 2 ** 40 - 1, threadId: 12, startedAt: 1000.25, endedAt: 1000.5 },
      { samples: 7, seed: 0, hits: 6, threadId: 12, startedAt: 1000.25, endedAt: 1000.5 },
    ]);
  });

  it("refuse a reply that does not answer every task sent", () => {
    const reply = runBatch(encodeBatch([{ samples: 1, seed: 1 }]), 1, () => ({ hits: 1, startedAt: 0, endedAt: 0 }));
    expect(() =>
      decodeReply(
        [
          { samples: 1, seed: 1 },
          { samples: 1, seed: 2 },
        ],
        reply,
      ),
    ).toThrow(/answered 1 tasks/);
  });
});
