import { describe, expect, it } from "vitest";
import { calcPi, calcPiMathRandom, countHits } from "../src/kernel/calc-pi.ts";
import { taskSeed } from "../src/kernel/seeds.ts";
import { initialState, nextState } from "../src/kernel/xorshift32.ts";

/** Five standard errors of a pi estimate from `samples` points: a false alarm about once in 3.5 million runs. */
const fiveSigma = (samples: number) => 5 * 4 * Math.sqrt(((Math.PI / 4) * (1 - Math.PI / 4)) / samples);

describe("xorshift32", () => {
  it("follows Marsaglia's recurrence (13, 17, 5) from seed 1", () => {
    // Computed by hand from the recurrence on unsigned 32-bit integers.
    expect(nextState(1) >>> 0).toBe(270369);
    expect(nextState(270369) >>> 0).toBe(67634689);
  });

  it("never starts from zero, the generator's fixed point", () => {
    expect(initialState(0)).not.toBe(0);
    expect(nextState(initialState(0))).not.toBe(0);
  });
});

/** The kernel as the lesson writes it, through `nextState` and with an `if`: the reference for the fast loop. */
function referenceHits(samples: number, seed: number): number {
  let state = initialState(seed);
  let hits = 0;
  for (let i = 0; i < samples; i++) {
    state = nextState(state);
    const x = (state >>> 0) * (2 / 2 ** 32) - 1;
    state = nextState(state);
    const y = (state >>> 0) * (2 / 2 ** 32) - 1;
    if (x * x + y * y < 1) hits++;
  }
  return hits;
}

describe("the Monte Carlo kernel", () => {
  it("counts exactly the hits of the plain xorshift32 loop: inlining and the branch-free count change nothing", () => {
    for (const [samples, seed] of [
      [1, 1],
      [1000, 0],
      [100_000, 42],
      [65_537, 2 ** 32 - 1],
    ] as const) {
      expect(countHits(samples, seed), `${samples} samples from seed ${seed}`).toBe(referenceHits(samples, seed));
    }
  });

  it("is reproducible: the same seed gives the same hits", () => {
    expect(countHits(100_000, 42)).toBe(countHits(100_000, 42));
  });

  it("gives different samples for different seeds", () => {
    expect(countHits(100_000, 1)).not.toBe(countHits(100_000, 2));
  });

  it("estimates pi within five standard errors", () => {
    const samples = 2_000_000;
    expect(Math.abs(calcPi(samples, 7) - Math.PI)).toBeLessThan(fiveSigma(samples));
    expect(Math.abs(calcPiMathRandom(samples) - Math.PI)).toBeLessThan(fiveSigma(samples));
  });

  it("draws uniformly over the square: a quarter of the points fall in each quadrant's circle part", () => {
    // Hits from many seeds average to pi/4 of the samples; a biased generator would drift.
    const seeds = Array.from({ length: 20 }, (_, i) => taskSeed(99, i));
    const hits = seeds.reduce((sum, seed) => sum + countHits(50_000, seed), 0);
    expect(Math.abs((4 * hits) / (20 * 50_000) - Math.PI)).toBeLessThan(fiveSigma(20 * 50_000));
  });

  it("rejects a result passed where a sample count belongs, and says what to do", () => {
    expect(() => countHits(Math.PI, 1)).toThrow(/pass the number of samples instead/);
    expect(() => countHits(0, 1)).toThrow(TypeError);
    expect(() => countHits(-5, 1)).toThrow(TypeError);
  });
});

describe("task seeds", () => {
  it("differ for every task of a split, and between runs with different base seeds", () => {
    const seeds = new Set(Array.from({ length: 4096 }, (_, i) => taskSeed(123, i)));
    expect(seeds.size).toBe(4096);
    expect(taskSeed(1, 0)).not.toBe(taskSeed(2, 0));
  });
});
