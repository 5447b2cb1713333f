// Hidden: catches a sweep() that ignores its arguments (always 13 rows of 2^25 samples, or a fixed row count),
// and a savePlot() that draws anything but the timings it is given.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createPiPool, type PiPool } from "@workshop/core";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { savePlot, sweep } from "../efficiency.ts";

let pool: PiPool;
beforeAll(async () => {
  pool = await createPiPool();
});
afterAll(async () => {
  await pool?.close();
});

describe("sweep and savePlot, hidden", () => {
  it("sweeps the total and the rows it is given", async () => {
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    try {
      const timings = await sweep(pool, 2 ** 12, 5);
      expect(timings.map((row) => [row.njobs, row.samplesPerJob])).toEqual(
        [1, 2, 4, 8, 16, 32].map((njobs) => [njobs, 2 ** 12 / njobs]),
      );
    } finally {
      log.mockRestore();
    }
  });

  it("plots the rows it is given: four timings, four points", async () => {
    const folder = await mkdtemp(join(tmpdir(), "efficiency-hidden-"));
    try {
      const file = join(folder, "plot.svg");
      const timings = [1, 2, 4, 8].map((njobs) => ({ njobs, samplesPerJob: 64 / njobs, seconds: 0.01 * njobs }));
      await savePlot(timings, file);
      const svg = await readFile(file, "utf8");
      expect(svg.match(/aria-roledescription="point"/g)?.length ?? 0).toBe(4);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
});
