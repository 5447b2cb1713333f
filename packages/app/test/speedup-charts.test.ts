// The speedup as a picture, drawn from a fixture result: a point per timed pair, the median, the required line and
// the ideal on the cores; the grader's sweep on log axes like the lesson's plot.
import { readFileSync } from "node:fs";
import { renderSvg } from "@workshop/core/plot";
import type { GradeReport, SpeedupReport } from "@workshop/grader/src/result.ts";
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
    const spec = speedupSpec(speedup) as { layer: { data: { values: { kind?: string }[] } }[] };
    expect(spec.layer[1]?.data.values.map((line) => line.kind)).toEqual(["required", "ideal"]);
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
