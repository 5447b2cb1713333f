import { describe, expect, it } from "vitest";
import { measured, skipped } from "../src/figure.ts";
import { sweepPlot } from "../src/report/plot.ts";
import { formatNumber, formatTable } from "../src/report/table.ts";

describe("the terminal table", () => {
  it("shows each figure's median, spread, runs, target and verdict under its section", () => {
    const table = formatTable([
      {
        title: "per-task overhead",
        figures: [
          measured("o", "workshop pool, per task", "µs", [2.1, 2.5, 3.9], { target: { atMost: 20 } }),
          skipped("p", "Python asyncio.to_thread", "µs", "python3 not found"),
        ],
      },
    ]);
    const lines = table.split("\n");
    expect(lines[1]).toBe("# per-task overhead");
    expect(lines[2]).toMatch(/^ {2}workshop pool, per task\s+2\.50 µs\s+2\.10-3\.90\s+3\s+<= 20 µs\s+ok$/);
    expect(lines[3]).toMatch(/Python asyncio\.to_thread\s+skipped\s+python3 not found$/);
  });

  it("marks a missed target", () => {
    const table = formatTable([
      { title: "t", figures: [measured("k", "ratio", "x", [2.5], { target: { atLeast: 3 } })] },
    ]);
    expect(table).toMatch(/2\.50x\s+2\.50-2\.50\s+1\s+>= 3x\s+MISSED/);
  });

  it("writes numbers with three significant digits and no exponent", () => {
    expect([formatNumber(1234.5), formatNumber(12.345), formatNumber(1.2345), formatNumber(0.0123)]).toEqual([
      "1235",
      "12.3",
      "1.23",
      "0.012",
    ]);
  });
});

describe("the sweep plot", () => {
  it("draws every series with log axes, and the lesson's points apart from the measured lines", () => {
    const spec = sweepPlot(
      [{ label: "workshop pool", rows: [{ njobs: 1, median: 0.2, min: 0.19, max: 0.25 }] }],
      [{ njobs: 8, seconds: 0.076 }],
    ) as unknown as {
      data: { values: { series: string; seconds: number }[] };
      layer: {
        mark: { type: string };
        encoding: { x: { scale: { type: string } }; y: { scale?: { type: string } } };
      }[];
    };
    expect(spec.data.values.map((v) => [v.series, v.seconds])).toEqual([
      ["workshop pool", 0.2],
      ["lesson (Python + Numba)", 0.076],
    ]);
    expect(spec.layer.map((layer) => layer.mark.type)).toEqual(["rule", "line", "point"]);
    for (const layer of spec.layer) expect(layer.encoding.x.scale.type).toBe("log");
  });
});
