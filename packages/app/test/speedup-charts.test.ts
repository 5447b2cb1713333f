// The speedup as a picture, drawn from a fixture result: a point per timed pair, the median, the required line and
// the ideal on the cores; the grader's sweep on log axes like the lesson's plot.
import { readFileSync } from "node:fs";
import { renderSvg } from "@workshop/core/plot";
import type { GradeReport, SpeedupReport } from "@workshop/grader/results";
import { describe, expect, it } from "vitest";
import { speedupSpec, sweepSpec } from "../src/charts/speedup-charts.ts";

const fixture = (learner: string) =>
  JSON.parse(
    readFileSync(new URL(`../../../grader/test/fixtures/class-results/${learner}.json`, import.meta.url), "utf8"),
  ) as GradeReport;
const speedupOf = (report: GradeReport, id: string) => {
  const speedup = report.exercises.find((e) => e.id === id)?.speedup;
  if (!speedup) throw new Error(`no speedup for ${id} in the fixture`);
  return speedup;
};

describe("the speedup chart", () => {
  it("draws each timed pair's ratio, and labels the median, the required line and the cores", async () => {
    const speedup = speedupOf(fixture("ada"), "08-pi-split");
    const svg = await renderSvg(speedupSpec(speedup));
    expect(svg.match(/aria-roledescription="point"/g)).toHaveLength(speedup.ratios.length);
    expect(svg.match(/aria-roledescription="rule mark"/g), "median, required, ideal").toHaveLength(3);
    expect(svg).toContain(`median ${speedup.measured?.toFixed(2)}x`);
    expect(svg).toContain(`required ${speedup.required.toFixed(2)}x`);
    expect(svg).toContain(`ideal on ${speedup.cores} cores: ${speedup.cores}x`);
    expect(svg).toContain(`on ${speedup.cores} cores`);
  });

  it("leaves the median out when none was measured, and keeps the required line in sight", () => {
    const speedup: SpeedupReport = {
      verdict: "failed",
      reason: "slow",
      cores: 2,
      required: 1.4,
      ratios: [0.9, 1.0],
      windows: 1,
    };
    const spec = speedupSpec(speedup) as { layer: { mark: { type: string }; data: { values: { kind?: string }[] } }[] };
    const rules = spec.layer.find((layer) => layer.mark.type === "rule");
    expect(rules?.data.values.map((line) => line.kind)).toEqual(["required", "ideal"]);
  });

  it("labels the median of the pairs it draws filled: a busy machine's earlier windows are hollow", async () => {
    // Three windows of five: the first two fell short on a busy machine, the last decided at a median of 1.50x.
    const ratios = [1.0, 1.1, 0.9, 1.2, 1.05, 1.3, 1.1, 1.0, 1.25, 1.2, 1.5, 1.45, 1.6, 1.52, 1.38];
    const speedup: SpeedupReport = {
      verdict: "passed",
      reason: "",
      cores: 2,
      required: 1.4,
      ratios,
      windows: 3,
      measured: 1.5,
    };
    const spec = speedupSpec(speedup) as {
      layer: { mark: { filled?: boolean }; data: { values: { ratio?: number }[] } }[];
    };
    const filled = spec.layer.find((layer) => layer.mark.filled === true)?.data.values.map((pair) => pair.ratio) ?? [];
    expect(filled).toEqual(ratios.slice(10));
    const sorted = filled.toSorted((a = 0, b = 0) => a - b);
    expect(sorted[2], "the median of the filled points is the one labelled").toBe(speedup.measured);
    const svg = await renderSvg(speedupSpec(speedup));
    expect(svg.match(/aria-roledescription="point"/g), "every pair is drawn").toHaveLength(15);
    expect(svg).toContain("median 1.50x");
    expect(svg).toContain("median of the last 5 pairs; hollow: the 10 before, retried");
  });

  it("puts the lines' labels right of the plot, where no point can be under them", async () => {
    const speedup = speedupOf(fixture("ada"), "08-pi-split");
    const svg = await renderSvg(speedupSpec(speedup));
    const plotRight = Math.max(
      ...[...svg.matchAll(/aria-roledescription="point"[^>]*transform="translate\(([\d.]+),/g)].map((m) =>
        Number(m[1]),
      ),
    );
    for (const label of ["median", "required", "ideal"]) {
      const x = Number(new RegExp(`transform="translate\\(([\\d.]+),[\\d.]+\\)"[^>]*>${label}`).exec(svg)?.[1]);
      expect(x, `the ${label} label starts right of every point`).toBeGreaterThan(plotRight + 5);
    }
  });

  it("draws the grader's sweep as exercise 10 draws the learner's: log axes, ticks at the measured njobs", async () => {
    const sweep = [1, 2, 4, 8, 16, 32, 64].map((njobs) => ({ njobs, seconds: 1 / njobs + njobs / 1000 }));
    const svg = await renderSvg(sweepSpec(sweep, 2));
    expect(svg.match(/aria-roledescription="point"/g)).toHaveLength(7);
    // Vega stretches a log axis to a round number (100) unless the domain says where it ends.
    expect(svg).toMatch(/aria-label="X-axis[^"]*log scale with values from 1 to 64"/);
    const xAxis = svg.slice(svg.indexOf('aria-label="X-axis'), svg.indexOf('aria-label="Y-axis'));
    const ticks = [...xAxis.matchAll(/<text[^>]*>(\d+)<\/text>/g)].map((match) => Number(match[1]));
    expect(ticks).toEqual(expect.arrayContaining([1, 4, 16, 64]));
    expect(ticks).not.toContain(10);
    expect(svg).toMatch(/aria-label="Y-axis[^"]*log scale/);
    expect(svg).toContain("(2 cores)");
  });
});
