import { advance } from "@workshop/test-kit";
import { describe, expect, it } from "vitest";
import { integers, take } from "./integers.ts";

/** An infinite iterable that records how many items were pulled from it, to prove laziness. */
function countingSource() {
  const source = {
    pulled: 0,
    *[Symbol.iterator]() {
      while (true) {
        source.pulled += 1;
        yield source.pulled;
      }
    },
  };
  return source;
}

describe("integers()", () => {
  it("yields 1, 2, 3, ... in order", () => {
    const numbers = integers();
    expect(numbers.next()).toEqual({ value: 1, done: false });
    expect(numbers.next()).toEqual({ value: 2, done: false });
    expect(numbers.next()).toEqual({ value: 3, done: false });
  });

  it("keeps its state between calls: a second generator starts again from 1", () => {
    const first = integers();
    first.next();
    first.next();
    expect(integers().next().value).toBe(1);
    expect(first.next().value).toBe(3);
  });

  it("never ends: the millionth value is 1000000", () => {
    // advance() calls next() a million times: where the code runs, in a graded run, in one call from here.
    expect(advance(integers(), 1_000_000)).toEqual({ value: 1_000_000, done: false });
  });
});

describe("take(count, source)", () => {
  it("gives the lesson's output: the first ten integers", () => {
    expect([...take(10, integers())]).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it("is lazy: it returns an iterator and pulls nothing until asked", () => {
    const source = countingSource();
    const firstThree = take(3, source);
    expect(source.pulled).toBe(0);
    expect(Array.isArray(firstThree)).toBe(false);
    expect(firstThree.next()).toEqual({ value: 1, done: false });
    expect(source.pulled).toBe(1);
  });

  it("asks an infinite source for exactly `count` items, not one more", () => {
    const source = countingSource();
    expect([...take(5, source)]).toEqual([1, 2, 3, 4, 5]);
    expect(source.pulled).toBe(5);
  });

  it("yields nothing, and pulls nothing, for count 0", () => {
    const source = countingSource();
    expect([...take(0, source)]).toEqual([]);
    expect(source.pulled).toBe(0);
  });

  it("stops early on a finite source shorter than count", () => {
    expect([...take(5, ["a", "b"])]).toEqual(["a", "b"]);
  });
});
