import { describe, expect, it } from "vitest";
import { measured, ratioOfMedians, skipped, verdict } from "../src/figure.ts";
import { KNEE_FACTOR, minimumAndKnee } from "../src/knee.ts";
import { linearFit, median, summarize } from "../src/stats.ts";

describe("summaries of repeated runs", () => {
  it("give the median, the smallest and the largest run", () => {
    expect(summarize([3, 1, 2])).toEqual({ median: 2, min: 1, max: 3, runs: [3, 1, 2] });
    expect(median([4, 1, 3, 2]), "an even count takes the mean of the middle two").toBe(2.5);
    expect(() => summarize([])).toThrow(RangeError);
  });
});

describe("linearFit(xs, ys)", () => {
  it("recovers a line exactly: the per-task overhead is its slope", () => {
    const njobs = [256, 1024, 4096, 16384];
    const fit = linearFit(
      njobs,
      njobs.map((n) => 0.15 + 3e-6 * n),
    );
    expect(fit.slope).toBeCloseTo(3e-6, 15);
    expect(fit.intercept).toBeCloseTo(0.15, 12);
  });

  it("is the least-squares line, not the line through the ends", () => {
    // Through (1, 1), (2, 3), (3, 2), (4, 4): slope 0.8, intercept 0.5.
    const fit = linearFit([1, 2, 3, 4], [1, 3, 2, 4]);
    expect(fit.slope).toBeCloseTo(0.8, 12);
    expect(fit.intercept).toBeCloseTo(0.5, 12);
  });

  it("needs two different x values", () => {
    expect(() => linearFit([2, 2], [1, 3])).toThrow(RangeError);
  });
});

describe("minimumAndKnee(points)", () => {
  const curve = (...seconds: number[]) => seconds.map((s, power) => ({ njobs: 2 ** power, seconds: s }));

  it("finds the fastest row, and the row from which on the curve stays KNEE_FACTOR times slower", () => {
    expect(KNEE_FACTOR).toBe(1.5);
    const { best, knee } = minimumAndKnee(curve(0.28, 0.14, 0.1, 0.11, 0.14, 0.16, 0.31));
    expect(best.njobs).toBe(4);
    expect(knee?.njobs, "0.16 is 1.6x the fastest 0.1, and 0.31 after it too").toBe(32);
  });

  it("is not fooled by one slow row on the flat bottom", () => {
    const { knee } = minimumAndKnee(curve(0.2, 0.1, 0.18, 0.1, 0.11, 0.2, 0.4));
    expect(knee?.njobs, "0.18 at 4 tasks is a blip: 8 and 16 are fast again").toBe(32);
  });

  it("ignores rows before the fastest, and says when the curve does not end slow", () => {
    const { best, knee } = minimumAndKnee(curve(0.3, 0.1, 0.12, 0.14));
    expect(best.njobs).toBe(2);
    expect(knee).toBeUndefined();
    expect(minimumAndKnee(curve(0.1, 0.2, 0.12)).knee, "back under the factor at the end").toBeUndefined();
  });
});

describe("figures against their targets", () => {
  it("are met or missed by their median, and have no verdict without a target or a measurement", () => {
    const atLeast = { target: { atLeast: 3 } };
    expect(verdict(measured("a", "a", "x", [2, 3.5, 4], atLeast))).toBe("met");
    expect(verdict(measured("a", "a", "x", [2, 2.5, 4], atLeast))).toBe("missed");
    expect(verdict(measured("b", "b", "s", [19, 21, 25], { target: { atMost: 20 } }))).toBe("missed");
    expect(verdict(measured("c", "c", "s", [1]))).toBeUndefined();
    expect(verdict(skipped("d", "d", "x", "python3 not found", { atMost: 0.2 }))).toBeUndefined();
  });

  it("divide as medians, spread from the least to the most favourable pairing", () => {
    const ratio = ratioOfMedians(summarize([2, 3, 4]), summarize([100, 110, 120]));
    expect(ratio.median).toBeCloseTo(3 / 110, 12);
    expect(ratio.min).toBeCloseTo(2 / 120, 12);
    expect(ratio.max).toBeCloseTo(4 / 100, 12);
  });
});
