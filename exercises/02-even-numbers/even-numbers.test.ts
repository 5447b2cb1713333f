import { advance } from "@workshop/test-kit";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { integers } from "../01-integers/integers.ts";
import { evens } from "./even-numbers.ts";

// Every integer that leaves integers() is counted, so the tests can see how evens() uses its source.
// `vi.hoisted` makes the counter exist before the hoisted `vi.mock` below runs.
const source = vi.hoisted(() => ({ pulled: 0 }));

// Replaces integers() with a spy that yields the same 1, 2, 3, ... and counts each number pulled from it.
// The path is resolved like the imports above, so it names integers.ts in the tree under test, the very
// module that even-numbers.ts imports.
vi.mock(import("../01-integers/integers.ts"), async (importOriginal) => {
  const original = await importOriginal();
  return {
    integers: vi.fn(function* countedIntegers(): Generator<number, never, undefined> {
      const numbers = original.integers();
      while (true) {
        const { value } = numbers.next();
        source.pulled += 1;
        yield value;
      }
    }),
  };
});

beforeEach(() => {
  source.pulled = 0;
  vi.mocked(integers).mockClear();
});

describe("evens()", () => {
  it("yields the lesson's first five even numbers: 2, 4, 6, 8, 10", () => {
    const numbers = evens();
    const firstFive = [1, 2, 3, 4, 5].map(() => numbers.next());
    expect(firstFive.map((result) => result.value)).toEqual([2, 4, 6, 8, 10]);
    expect(firstFive.every((result) => result.done === false)).toBe(true);
  });

  it("reuses integers() instead of counting on its own", () => {
    const numbers = evens();
    numbers.next();
    numbers.next();
    numbers.next();
    expect(integers, "evens() should call integers() from ../01-integers/integers.ts").toHaveBeenCalled();
    expect(source.pulled, "each even number should come from a number pulled out of integers()").toBeGreaterThanOrEqual(
      3,
    );
  });

  it("is lazy: it pulls integers one at a time, only when asked", () => {
    const numbers = evens();
    expect(source.pulled, "creating evens() should pull nothing from integers() yet").toBe(0);
    expect(numbers.next().value).toBe(2);
    expect(
      source.pulled,
      "the first even number should need only 1 and 2 from integers(), not more",
    ).toBeLessThanOrEqual(2);
    numbers.next();
    expect(numbers.next().value).toBe(6);
    expect(source.pulled, "three even numbers should need only 1 to 6 from integers(), not more").toBeLessThanOrEqual(
      6,
    );
  });

  it("keeps its state: a second evens() starts again from 2", () => {
    const first = evens();
    first.next();
    first.next();
    expect(evens().next().value).toBe(2);
    expect(first.next().value).toBe(6);
  });

  it("never ends: the hundred-thousandth even number is 200000", async () => {
    // Counting is for the tests above: here evens() draws from integers() itself, as fast as it can.
    const actual = await vi.importActual<typeof import("../01-integers/integers.ts")>("../01-integers/integers.ts");
    vi.mocked(integers).mockImplementationOnce(actual.integers);
    expect(advance(evens(), 100_000)).toEqual({ value: 200_000, done: false });
  });
});
