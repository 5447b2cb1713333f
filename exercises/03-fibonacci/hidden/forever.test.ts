// Hidden: catches a fibonacci() that yields a list worked out in advance: the public tests stop at the 78th
// value; this one asks for many more.
import { describe, expect, it } from "vitest";
import { fibonacci } from "../fibonacci.ts";

describe("fibonacci(), hidden", () => {
  it("goes on past the hundredth value, each the sum of the two before", () => {
    const numbers = fibonacci();
    const values: number[] = [];
    for (let i = 0; i < 300; i++) {
      const { value, done } = numbers.next();
      expect(done, `the ${i + 1}th value should come`).toBe(false);
      values.push(value);
    }
    for (let i = 2; i < 300; i++) expect(values[i]).toBe((values[i - 1] as number) + (values[i - 2] as number));
  });
});
