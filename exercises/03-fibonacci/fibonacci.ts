// 03-fibonacci: the lesson is in README.md beside this file.
//
// Write `fibonacci()`, which yields the Fibonacci numbers 1, 1, 2, 3, 5, 8, 13, ... forever.
// Check with `pnpm grade 3`.

/** Yields the Fibonacci numbers 1, 1, 2, 3, 5, 8, 13, ... forever: each is the sum of the two before it. */
export function* fibonacci(): Generator<number, never, undefined> {
  // TODO: keep the last two numbers, starting with 1 and 1; in an endless loop, yield the first of them and
  // move both one step along.
  throw new Error("TODO: 03-fibonacci: write fibonacci()");
}
