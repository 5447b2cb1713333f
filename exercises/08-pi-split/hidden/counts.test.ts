// Hidden: catches a calcPiSplit() that puts a ceiling or a floor on the number of tasks (at least one per
// thread, or at most eight): the public tests ask for 3 to 8 tasks; this one for 1 and for 12.
import { createPiPool, type PiPool } from "@workshop/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { calcPiSplit } from "../pi-split.ts";

let pool: PiPool;
beforeAll(async () => {
  pool = await createPiPool();
});
afterAll(async () => {
  await pool?.close();
});

describe("calcPiSplit(pool, samplesPerTask, tasks), hidden", () => {
  it("runs exactly `tasks` tasks, one or many, and returns their mean", async () => {
    for (const [samplesPerTask, tasks] of [
      [10_007, 1],
      [999, 12],
    ] as const) {
      const before = pool.tasks.length;
      const pi = await calcPiSplit(pool, samplesPerTask, tasks);
      const records = pool.tasks.slice(before);
      expect(records.map((record) => record.samples)).toEqual(Array.from({ length: tasks }, () => samplesPerTask));
      const mean = records.reduce((sum, record) => sum + (4 * record.hits) / record.samples, 0) / tasks;
      expect(pi).toBeCloseTo(mean, 12);
    }
  });
});
