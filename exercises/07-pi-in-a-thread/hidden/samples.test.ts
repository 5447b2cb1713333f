// Hidden: catches a calcPiInThread() that caps the samples it sends the pool (a "safety" limit above every count
// the public tests ask for): it must throw exactly the samples it is given, however many.
import { createPiPool, type PiPool } from "@workshop/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { calcPiInThread } from "../pi-in-a-thread.ts";

let pool: PiPool;
beforeAll(async () => {
  pool = await createPiPool();
});
afterAll(async () => {
  await pool?.close();
});

describe("calcPiInThread(pool, samples), hidden", () => {
  it("throws exactly the samples it is asked for, in one task, for any count", async () => {
    for (const samples of [1, 20_000_001]) {
      const before = pool.tasks.length;
      const estimate = await calcPiInThread(pool, samples);
      const tasks = pool.tasks.slice(before);
      expect(tasks.map((task) => task.samples)).toEqual([samples]);
      expect(estimate).toBe((4 * (tasks[0]?.hits ?? Number.NaN)) / samples);
    }
  });
});
