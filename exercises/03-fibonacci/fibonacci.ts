// 03-fibonacci: the lesson is in README.md beside this file.
//
// Write `fibonacci()`, which yields the Fibonacci numbers 1, 1, 2, 3, 5, 8, 13, ... forever.
// Check with `pnpm grade 3`.

/** Yields the Fibonacci numbers 1, 1, 2, 3, 5, 8, 13, ... forever: each is the sum of the two before it. */
export function* fibonacci(): Generator<number, never, undefined> {
  // TODO: yield the Fibonacci numbers 1, 1, 2, 3, 5, 8, ... without end.
  throw new Error("TODO: 03-fibonacci: write fibonacci()");
}
