// 02-even-numbers: the lesson is in README.md beside this file.
//
// Write `evens()`, which yields 2, 4, 6, ... forever, by reusing your `integers()` from exercise 01 rather
// than counting on your own. Check with `pnpm grade 2`.

import { integers } from "../01-integers/integers.ts";

/** Yields the even numbers 2, 4, 6, ... forever, drawing its numbers from `integers()`. */
export function* evens(): Generator<number, never, undefined> {
  // TODO: loop over `integers()` and yield only the numbers that are even (`n % 2 === 0`).
  throw new Error("TODO: 02-even-numbers: write evens()");
}
