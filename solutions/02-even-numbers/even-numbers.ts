// 02-even-numbers: the lesson is in exercises/02-even-numbers/README.md.

import { integers } from "../01-integers/integers.ts";

/** Yields the even numbers 2, 4, 6, ... forever, drawing its numbers from `integers()`. */
export function* evens(): Generator<number, never, undefined> {
  // `for...of` pulls one integer each time our own caller asks for the next even number, so the infinite
  // source is never run ahead: evens() stays as lazy as integers().
  for (const n of integers()) {
    if (n % 2 === 0) yield n;
  }
  // TypeScript cannot tell that integers() never ends, so without this line it rejects the `never` return
  // type ("cannot have a reachable end point"). It states the assumption and would fail loudly if it broke.
  throw new Error("integers() ended, but it should go on forever");
}
