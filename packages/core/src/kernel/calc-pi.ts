import { randomSeed } from "./seeds.ts";
import { initialState } from "./xorshift32.ts";

/** 2 / 2^32: maps an unsigned 32-bit integer onto [0, 2), so that subtracting 1 gives [-1, 1). */
const TO_UNIT_SQUARE = 2 / 2 ** 32;
/** The most samples one inner loop runs: its bound then always fits a 32-bit integer. */
const CHUNK = 2 ** 30;

/**
 * Throws points uniformly into the square [-1, 1)^2 and counts those that land inside the unit circle.
 *
 * This is the lesson's `calc_pi` loop. The xorshift32 steps are written out inline rather than calling
 * `nextState`: V8 would inline the call, but the loop is the hot spot of every exercise and benchmark, and
 * inline code keeps its speed independent of the JIT's mood.
 *
 * The hit is counted without a branch (`hits += Number(inside)`): whether a random point lands inside is a coin
 * that comes up heads 79% of the time, so the CPU mispredicts an `if` about one time in five, and that alone
 * halved the loop's speed (120 against 240 million samples/s here). The hits are the same either way.
 *
 * The samples run in chunks whose bound is a 32-bit integer (`| 0`). A sample count that arrives as a float64
 * (as it does in the pool's workers, from a `Float64Array` message) would otherwise be compared as a double on
 * every step: that made the workers' loop a tenth slower than the same loop given an integer.
 */
export function countHits(samples: number, seed: number): number {
  assertSampleCount(samples);
  let state = initialState(seed);
  let hits = 0;
  for (let left = samples; left > 0; left -= CHUNK) {
    hits += chunkHits(Math.min(left, CHUNK) | 0, state);
    state = chunkEndState;
  }
  return hits;
}

/** Where `chunkHits` leaves the generator, so that the next chunk goes on from there. */
let chunkEndState = 0;

/**
 * One chunk of `countHits`: the hot loop, alone in a function of its own. Node 24's V8 compiles a long-running
 * loop while it runs (on-stack replacement), and when that loop sits inside another one (the chunks), leaving it
 * throws the compiled code away ("exit from OSR'd inner loop"): the next calls then ran in a slower tier, at a
 * quarter of the speed, for one task in six in a fresh worker. A function with a single loop has no outer loop
 * to exit into. Node 20 and 22 ran both shapes at the same speed; so does Node 24 with this one.
 */
function chunkHits(count: number, startState: number): number {
  let state = startState;
  let hits = 0;
  for (let i = 0; i < count; i++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    const x = (state >>> 0) * TO_UNIT_SQUARE - 1;
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    const y = (state >>> 0) * TO_UNIT_SQUARE - 1;
    hits += Number(x * x + y * y < 1);
  }
  chunkEndState = state;
  return hits;
}

/**
 * Estimates pi from `samples` random points: the fraction inside the circle is pi/4 of the square.
 *
 * Named `hits` rather than the lesson's `M`, which the lesson also uses for the number of jobs.
 */
export function calcPi(samples: number, seed: number = randomSeed()): number {
  return (4 * countHits(samples, seed)) / samples;
}

/**
 * The same estimate with `Math.random`: slower, unseedable, and kept only as the benchmark's baseline. Its loop
 * is `countHits`'s, branch-free count included, so that the benchmark's ratio compares the generators alone.
 */
export function calcPiMathRandom(samples: number): number {
  assertSampleCount(samples);
  let hits = 0;
  for (let left = samples; left > 0; left -= CHUNK) hits += chunkHitsMathRandom(Math.min(left, CHUNK) | 0);
  return (4 * hits) / samples;
}

/** One chunk of `calcPiMathRandom`, in a function of its own as `chunkHits` is, for the same reason. */
function chunkHitsMathRandom(count: number): number {
  let hits = 0;
  for (let i = 0; i < count; i++) {
    const x = Math.random() * 2 - 1;
    const y = Math.random() * 2 - 1;
    hits += Number(x * x + y * y < 1);
  }
  return hits;
}

/**
 * Rejects anything but a positive whole number of samples. The common way to get here is passing a result
 * instead of the work, e.g. `pool.run(calcPi(n))`, which hands the pool 3.14... instead of `n`.
 */
export function assertSampleCount(samples: unknown): asserts samples is number {
  if (typeof samples !== "number" || !Number.isSafeInteger(samples) || samples <= 0) {
    throw new TypeError(
      `the number of samples must be a positive whole number, got ${String(samples)}. ` +
        "If you passed the result of calcPi(...), pass the number of samples instead: the worker calls the kernel.",
    );
  }
}
