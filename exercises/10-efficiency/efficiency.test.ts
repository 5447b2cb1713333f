import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createPiPool, type PiPool, type PiTaskResult } from "@workshop/core";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { overheadPerTask, savePlot, sweep, type Timing, timingsPlot } from "./efficiency.ts";

/** Small enough to sweep in about a second: the lesson's 2^25 is for the real experiment, not the test. */
const TOTAL_SAMPLES = 2 ** 20;
/** The lesson's numbers of tasks: 1, 2, 4, ..., 4096. */
const NJOBS = Array.from({ length: 13 }, (_, power) => 2 ** power);

/** Made-up timings with a known answer: 0.2 s of work plus 100 µs for every task. */
const synthetic: Timing[] = NJOBS.map((njobs) => ({
  njobs,
  samplesPerJob: 2 ** 25 / njobs,
  seconds: 0.2 + 1e-4 * njobs,
}));

describe("overheadPerTask(timings)", () => {
  it("returns the slope of seconds against njobs: the cost of one more task", () => {
    expect(overheadPerTask(synthetic), "seconds = 0.2 + 0.0001 * njobs has a slope of 0.0001 s per task").toBeCloseTo(
      1e-4,
      12,
    );
    const other = NJOBS.map((njobs) => ({ njobs, samplesPerJob: 1, seconds: 0.05 + 3e-5 * njobs }));
    expect(overheadPerTask(other), "seconds = 0.05 + 0.00003 * njobs has a slope of 0.00003").toBeCloseTo(3e-5, 12);
  });

  it("fits a least-squares line through every point, not a line through two of them", () => {
    // Through (1, 1), (2, 3), (3, 2), (4, 4) the least-squares slope is 4 / 5 = 0.8; the first and last points
    // alone give 1, the first two give 2.
    const points = [1, 3, 2, 4].map((seconds, i) => ({ njobs: i + 1, samplesPerJob: 1, seconds }));
    expect(overheadPerTask(points)).toBeCloseTo(0.8, 12);
  });
});

/** What the tests read in a Vega-Lite spec, whether it is one view or layers. */
interface SpecNode {
  mark?: string | { type?: string; point?: unknown };
  encoding?: Record<string, { field?: unknown; scale?: { type?: unknown } } | undefined>;
  layer?: SpecNode[];
}

/** The spec and all its layers, to find encodings and marks wherever they are written. */
function specNodes(node: SpecNode): SpecNode[] {
  return [node, ...(node.layer ?? []).flatMap(specNodes)];
}

describe("timingsPlot(timings)", () => {
  it("puts njobs on x and seconds on y, both on a log scale", () => {
    const nodes = specNodes(timingsPlot(synthetic) as SpecNode);
    for (const [channel, field] of [
      ["x", "njobs"],
      ["y", "seconds"],
    ] as const) {
      const encodings = nodes.flatMap((node) => node.encoding?.[channel] ?? []);
      expect(encodings.length, `the spec should have an encoding for ${channel}`).toBeGreaterThan(0);
      for (const encoding of encodings) {
        expect(encoding.field, `${channel} should show the field "${field}"`).toBe(field);
        expect(encoding.scale?.type, `${channel} should use scale: { type: "log" }`).toBe("log");
      }
    }
  });

  it("draws a line and a point for every row", () => {
    const marks = specNodes(timingsPlot(synthetic) as SpecNode).flatMap((node) => {
      if (node.mark === undefined) return [];
      if (typeof node.mark === "string") return [node.mark];
      return node.mark.point ? [node.mark.type, "point"] : [node.mark.type];
    });
    expect(marks, "a line mark (the lesson's geom_line)").toContain("line");
    expect(marks, 'points too: { type: "line", point: true } or a "point" layer (geom_point)').toContain("point");
  });
});

describe("savePlot(timings, file)", () => {
  it("writes an SVG with 13 points, a line and log axes", async () => {
    const folder = await mkdtemp(join(tmpdir(), "efficiency-"));
    try {
      const file = join(folder, "plot.timings.svg");
      await savePlot(synthetic, file);
      const svg = await readFile(file, "utf8");
      expect(svg.trimStart().startsWith("<svg"), "the file should hold SVG text").toBe(true);
      // Vega labels what it draws for screen readers: every point, the line, and each axis with its scale.
      expect(svg.match(/aria-roledescription="point"/g)?.length ?? 0, "one point per row of timings").toBe(13);
      expect(svg, "a line through the points").toMatch(/aria-roledescription="line mark"/);
      expect(svg, "the x axis on a log scale").toMatch(/aria-label="X-axis[^"]*log scale/);
      expect(svg, "the y axis on a log scale").toMatch(/aria-label="Y-axis[^"]*log scale/);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
});

describe("sweep(pool, totalSamples, largestPower) on a real pool", () => {
  let pool: PiPool;
  beforeAll(async () => {
    pool = await createPiPool();
  });
  afterAll(async () => {
    await pool?.close();
  });

  interface Printed {
    line: string;
    /** How many tasks of this sweep the pool had finished when the line was printed. */
    tasksDone: number;
  }
  interface Swept {
    timings: Timing[];
    printed: Printed[];
    records: PiTaskResult[];
  }

  // The sweep runs once, in the first test that needs it; the others check the same run.
  let swept: Promise<Swept> | undefined;
  function sweepOnce(): Promise<Swept> {
    swept ??= (async () => {
      const before = pool.tasks.length;
      const printed: Printed[] = [];
      const log = vi.spyOn(console, "log").mockImplementation((...args: unknown[]) => {
        printed.push({ line: args.map(String).join(" "), tasksDone: pool.tasks.length - before });
      });
      try {
        const timings = await sweep(pool, TOTAL_SAMPLES);
        return { timings, printed, records: pool.tasks.slice(before) };
      } finally {
        log.mockRestore();
      }
    })();
    return swept;
  }

  it("times 13 rows with njobs = 1, 2, 4, ..., 4096", async () => {
    const { timings } = await sweepOnce();
    expect(timings.map((timing) => timing.njobs)).toEqual(NJOBS);
  });

  it("keeps the total work the same in every row: samplesPerJob * njobs = totalSamples", async () => {
    const { timings } = await sweepOnce();
    expect(timings).toHaveLength(13);
    for (const { njobs, samplesPerJob } of timings) {
      expect(samplesPerJob * njobs, `the row with ${njobs} tasks`).toBe(TOTAL_SAMPLES);
    }
  });

  it("runs every row on the pool: 8191 tasks and 13 times the total samples", async () => {
    const { records } = await sweepOnce();
    const expectedTasks = NJOBS.reduce((sum, njobs) => sum + njobs, 0);
    expect(records.length, "1 + 2 + 4 + ... + 4096 tasks, each through the pool").toBe(expectedTasks);
    const samples = records.reduce((sum, record) => sum + record.samples, 0);
    expect(samples, "each of the 13 rows throws totalSamples points in all").toBe(13 * TOTAL_SAMPLES);

    // The rows run one after another, so the log holds them in order: 1 task, then 2, then 4, ...
    let first = 0;
    for (const njobs of NJOBS) {
      const row = records.slice(first, first + njobs);
      expect(
        row.every((record) => record.samples === TOTAL_SAMPLES / njobs),
        `the ${njobs} tasks of that row should each have ${TOTAL_SAMPLES / njobs} samples`,
      ).toBe(true);
      first += njobs;
    }
  });

  it("prints `samplesPerJob - njobs` before each row, like the lesson", async () => {
    const { printed } = await sweepOnce();
    expect(printed.map((entry) => entry.line)).toEqual(NJOBS.map((njobs) => `${TOTAL_SAMPLES / njobs} - ${njobs}`));
    // Before the row with 2^k tasks starts, exactly the 1 + 2 + ... + 2^(k-1) = 2^k - 1 earlier tasks are done.
    expect(
      printed.map((entry) => entry.tasksDone),
      "each line should be printed before its row runs, after the previous row has finished",
    ).toEqual(NJOBS.map((njobs) => njobs - 1));
  });

  it("measures every row in seconds, and gives a finite overhead estimate", async () => {
    const { timings } = await sweepOnce();
    for (const { njobs, seconds } of timings) {
      expect(Number.isFinite(seconds) && seconds > 0, `the row with ${njobs} tasks took ${seconds} s`).toBe(true);
    }
    expect(Number.isFinite(overheadPerTask(timings)), "the slope of the real sweep").toBe(true);
  });

  it("stops at 2^largestPower tasks", async () => {
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    try {
      const timings = await sweep(pool, 2 ** 10, 3);
      expect(timings.map((timing) => timing.njobs)).toEqual([1, 2, 4, 8]);
    } finally {
      log.mockRestore();
    }
  });
});
