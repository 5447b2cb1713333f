// Hidden: catches an evens() that doubles the integers it draws (`yield 2 * n`): the same values, drawn from
// integers(), lazily, so every public test passes, but it is not the lesson's filter: it pulls half as many.
import { describe, expect, it, vi } from "vitest";
import { evens } from "../even-numbers.ts";

const source = vi.hoisted(() => ({ pulled: 0 }));

vi.mock(import("../../01-integers/integers.ts"), async (importOriginal) => {
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

describe("evens(), hidden", () => {
  it("keeps the even integers out of all of them: the first three evens pull 1 to 6", () => {
    source.pulled = 0;
    const numbers = evens();
    numbers.next();
    numbers.next();
    numbers.next();
    expect(source.pulled, "filter the integers (n % 2 === 0) rather than make even numbers of your own").toBe(6);
  });
});
