import { describe, expect, it } from "vitest";
import { fibonacci } from "./fibonacci.ts";

/** The `position`-th value of `fibonacci()`, counting from 1 as the lesson does. */
function nth(position: number): number {
  const numbers = fibonacci();
  let value = 0;
  for (let i = 0; i < position; i++) value = numbers.next().value;
  return value;
}

describe("fibonacci()", () => {
  it("yields the first ten Fibonacci numbers: 1, 1, 2, 3, 5, 8, 13, 21, 34, 55", () => {
    const numbers = fibonacci();
    const firstTen = Array.from({ length: 10 }, () => numbers.next());
    expect(firstTen.map((result) => result.value)).toEqual([1, 1, 2, 3, 5, 8, 13, 21, 34, 55]);
    expect(firstTen.every((result) => result.done === false)).toBe(true);
  });

  it("keeps its state between calls: two generators count independently", () => {
    const first = fibonacci();
    for (let i = 0; i < 5; i++) first.next();
    const second = fibonacci();
    expect(second.next().value, "a new fibonacci() should start again from 1").toBe(1);
    expect(second.next().value).toBe(1);
    expect(first.next().value, "the first generator should carry on with its 6th value, 8").toBe(8);
    expect(second.next().value).toBe(2);
    expect(first.next().value).toBe(13);
  });

  it("every value is the sum of the two before it", () => {
    const numbers = fibonacci();
    let [older, previous] = [numbers.next().value, numbers.next().value];
    for (let i = 0; i < 50; i++) {
      const value = numbers.next().value;
      expect(value, `value ${i + 3} should be ${older} + ${previous}`).toBe(older + previous);
      [older, previous] = [previous, value];
    }
  });

  it("never ends: the 70th value is exactly 190392490709135", () => {
    expect(nth(70)).toBe(190_392_490_709_135);
  });

  it("stays exact up to the 78th value, the last below Number.MAX_SAFE_INTEGER", () => {
    // From the 79th value on, a `number` (a 64-bit float) can no longer hold every integer exactly.
    const value = nth(78);
    expect(value).toBe(8_944_394_323_791_464);
    expect(Number.isSafeInteger(value)).toBe(true);
  });
});
