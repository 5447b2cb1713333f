import { readFileSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { availableParallelism, cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { createPiPool, type PiPool, type PiTaskResult } from "@workshop/core";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { main, overheadPerTask, savePlot, sweep, type Timing, timingsPlot } from "./efficiency.ts";

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

  it("takes the median of the slopes between every pair of rows, not a line through two of them", () => {
    // Through (1, 1), (2, 3), (3, 2), (4, 4) the six pairwise slopes are 2, 0.5, 1, -1, 0.5 and 2: sorted,
    // -1, 0.5, 0.5, 1, 2, 2, whose median is (0.5 + 1) / 2 = 0.75. The first and last points alone give 1, the
    // first two give 2, and a least-squares line 0.8.
    const four = [1, 3, 2, 4].map((seconds, i) => ({ njobs: i + 1, samplesPerJob: 1, seconds }));
    expect(overheadPerTask(four), "an even number of slopes: the mean of the middle two").toBeCloseTo(0.75, 12);
    // Three points give three slopes, 2, 0.5 and -1: the middle one is the median.
    expect(overheadPerTask(four.slice(0, 3)), "an odd number of slopes: the middle one").toBeCloseTo(0.5, 12);
  });

  it("sorts the slopes as numbers, where their order as text differs: negatives, and numbers of different lengths", () => {
    const asText =
      'sort the slopes as numbers: a bare `.sort()` compares them as text, which puts "19" before "9" and "-1" ' +
      'before "-2"; give it a comparison, `(a, b) => a - b`';
    const rows = (seconds: number[], njobs = seconds.map((_, i) => i + 1)) =>
      seconds.map((s, i) => ({ njobs: njobs[i] ?? 0, samplesPerJob: 1, seconds: s }));
    // Through (1, 0), (2, 19), (3, 18) the slopes are 19, -1 and 9. As numbers: -1, 9, 19, whose middle is 9;
    // as text: "-1", "19", "9", whose middle is 19.
    expect(overheadPerTask(rows([0, 19, 18])), asText).toBeCloseTo(9, 12);
    // Through (1, 0), (2, 3), (3, -1), (4, 20) the six slopes, as numbers, are -4, -0.5, 3, 6.67, 8.5 and 21:
    // the middle two give 4.83. As text, "21" comes before "3" and "6.67", and the middle two give 12.
    expect(overheadPerTask(rows([0, 3, -1, 20])), asText).toBeCloseTo(29 / 6, 12);
    // A sweep on a pool that batches its tasks: flat after two tasks, so most slopes are a few µs below zero. As
    // numbers the median is -68.75 µs; as text ("-0.0000375" before "-0.0001"), -343.3 µs.
    const flat = rows([0.018, 0.0096, 0.0094, 0.0095, 0.0092], [1, 2, 4, 8, 16]);
    expect(overheadPerTask(flat), asText).toBeCloseTo(-68.75e-6, 12);
  });

  it("is not decided by one noisy row: moving any single row leaves the estimate where the others put it", () => {
    // 66 of the 78 pairs do not include the moved row, and they all still say 100 µs: their median wins. A
    // least-squares line would follow the row: +0.1 s on the 4096 row alone turns its 100 µs into 120 µs.
    for (const [moved, { njobs }] of synthetic.entries()) {
      for (const shift of [0.1, 10, -0.1]) {
        const noisy = synthetic.map((timing, i) =>
          i === moved ? { ...timing, seconds: timing.seconds + shift } : timing,
        );
        expect(
          overheadPerTask(noisy),
          `the row with ${njobs} tasks moved by ${shift} s changed the estimate: take the median of the slopes ` +
            "between every pair of rows, which one row cannot decide (a least-squares line follows it)",
        ).toBeCloseTo(1e-4, 12);
      }
    }
  });
});

/** What the tests read in a Vega-Lite spec, whether it is one view or layers. */
interface SpecNode {
  title?: unknown;
  mark?: string | { type?: string; point?: unknown };
  encoding?: Record<string, { field?: unknown; scale?: { type?: unknown }; axis?: { values?: unknown } } | undefined>;
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

  it("puts the x ticks at measured njobs only, the first and the last among them", () => {
    const x = specNodes(timingsPlot(synthetic) as SpecNode).flatMap((node) => node.encoding?.x ?? []);
    const ticks = x.flatMap((encoding) => (Array.isArray(encoding.axis?.values) ? encoding.axis.values : []));
    expect(ticks.length, "set the x ticks with axis: { values: [...] }, chosen from the rows' njobs").toBeGreaterThan(
      0,
    );
    for (const tick of ticks) expect(NJOBS, `a tick at ${tick}, where nothing was measured`).toContain(tick);
    expect(ticks, "ticks at the first and the last point, 1 and 4096").toEqual(expect.arrayContaining([1, 4096]));
  });

  it("says in its title what was measured: the total samples, and the machine's cores and processor", () => {
    const title = JSON.stringify(specNodes(timingsPlot(synthetic) as SpecNode).map((node) => node.title ?? ""));
    expect(title, "the title names the total samples of every row, 33554432").toContain(String(2 ** 25));
    expect(title, "the title says how many cores: machine() gives them").toContain(`${availableParallelism()} cores`);
    expect(title, "the title names the processor: machine() gives it").toContain(cpus()[0]?.model.trim() ?? "");
  });
});

describe("savePlot(timings, file)", () => {
  it("writes an SVG with 13 points, a line and log axes", async () => {
    const folder = await mkdtemp(join(tmpdir(), "efficiency-"));
    try {
      const file = join(folder, "plot.timings.svg");
      await savePlot(synthetic, file);
      // Read the moment savePlot's promise settles, as that promise says the file is written: read later, a file
      // that code forgot to await could be there by chance (its process running on beside the tests').
      const svg = readFileSync(file, "utf8");
      expect(svg.trimStart().startsWith("<svg"), "the file should hold SVG text").toBe(true);
      // Vega labels what it draws for screen readers: every point, the line, and each axis with its scale.
      expect(svg.match(/aria-roledescription="point"/g)?.length ?? 0, "one point per row of timings").toBe(13);
      expect(svg, "a line through the points").toMatch(/aria-roledescription="line mark"/);
      // Vega stretches an axis to a round number (10,000) unless the scale's domain says where it ends.
      expect(svg, "the x axis on a log scale, ending at the last point: scale: { domain: [1, 4096] }").toMatch(
        /aria-label="X-axis[^"]*log scale with values from 1 to 4,?096"/,
      );
      expect(svg, "the y axis on a log scale").toMatch(/aria-label="Y-axis[^"]*log scale/);
      // Vega hides a tick label that would overlap its neighbour (opacity 0): "4,096" beside "1,024" on a narrow
      // chart. Every tick is a measured njobs, and each must be read.
      const xAxis = svg.slice(svg.indexOf('aria-label="X-axis'), svg.indexOf('aria-label="Y-axis'));
      const hidden = [...xAxis.matchAll(/<text[^>]*opacity="0"[^>]*>([^<]*)<\/text>/g)].map((match) => match[1]);
      expect(
        hidden,
        'x tick labels hidden for lack of room: write them as plain numbers with `format: "d"` in the x axis ' +
          "(4096, not 4,096), or make the chart wider (`width: 480`)",
      ).toEqual([]);
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

  it("prints `samplesPerJob - njobs` before each row, like the lesson", async () => {
    const { printed } = await sweepOnce();
    expect(printed.map((entry) => entry.line)).toEqual(NJOBS.map((njobs) => `${TOTAL_SAMPLES / njobs} - ${njobs}`));
  });

  // Before the sample counts of the rows below: rows run at the same time mix their tasks in the pool's log, and
  // this test names that mistake where the next one would only see its consequence.
  it("runs the rows one after another: each starts after the previous row has finished", async () => {
    const { printed } = await sweepOnce();
    // Before the row with 2^k tasks starts, exactly the 1 + 2 + ... + 2^(k-1) = 2^k - 1 earlier tasks are done.
    expect(
      printed.map((entry) => entry.tasksDone),
      "each line should be printed before its row runs, after the previous row has finished: await each row in " +
        "the loop before starting the next, rather than starting them all and awaiting them together",
    ).toEqual(NJOBS.map((njobs) => njobs - 1));
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
        `the ${njobs} tasks of that row should each have ${TOTAL_SAMPLES / njobs} samples, in the pool's log after the row before`,
      ).toBe(true);
      first += njobs;
    }
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

describe("main(totalSamples, largestPower, plotFile), written for you", () => {
  it("prints each row's time after the sweep, then the overhead per task and where the plot went", async () => {
    const folder = await mkdtemp(join(tmpdir(), "efficiency-main-"));
    const printed: string[] = [];
    const log = vi.spyOn(console, "log").mockImplementation((...args: unknown[]) => {
      printed.push(args.map(String).join(" "));
    });
    try {
      const file = join(folder, "main.timings.svg");
      // The lesson's experiment, small: 2^16 samples in 1 to 64 tasks, a fraction of a second.
      await main(2 ** 16, 6, file);
      const rowTimes = printed.filter((line) => line.startsWith("njobs "));
      expect(rowTimes, "one line per row").toHaveLength(7);
      for (const [index, njobs] of NJOBS.slice(0, 7).entries()) {
        expect(rowTimes[index], `the row with ${njobs} tasks and its seconds`).toMatch(
          new RegExp(`^njobs +${njobs}: \\d+\\.\\d+ s$`),
        );
      }
      expect(printed).toContainEqual(expect.stringMatching(/^overhead per task: about -?\d+\.\d µs$/));
      expect(printed.at(-1)).toBe(`plot saved to ${file}`);
      expect((await readFile(file, "utf8")).trimStart().startsWith("<svg")).toBe(true);
    } finally {
      log.mockRestore();
      await rm(folder, { recursive: true, force: true });
    }
  });
});
