// 02-even-numbers: the lesson is in README.md beside this file.
//
// Write `evens()`, which yields 2, 4, 6, ... forever, by reusing your `integers()` from exercise 01 rather
// than counting on your own. Check with `pnpm grade 2`.

import { integers } from "../01-integers/integers.ts";

/** Yields the even numbers 2, 4, 6, ... forever, drawing its numbers from `integers()`. */
export function* evens(): Generator<number, never, undefined> {
  // TODO: yield the even numbers 2, 4, 6, ... without end, built on your `integers()`.
  throw new Error("TODO: 02-even-numbers: write evens()");
}
