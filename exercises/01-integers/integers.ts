// 01-integers: the lesson is in README.md beside this file.
//
// Write `integers()`, which yields 1, 2, 3, ... forever, and `take(count, source)`, which yields the first
// `count` items of any iterable, even an infinite one. Check with `pnpm grade 1`.

/** Yields 1, 2, 3, ... forever. */
export function* integers(): Generator<number, never, undefined> {
  // TODO: yield 1, 2, 3, ... without end.
  throw new Error("TODO: 01-integers: write integers()");
}

/** Yields the first `count` items of `source`, and asks it for no more than that. */
export function* take<T>(count: number, source: Iterable<T>): Generator<T, void, undefined> {
  // TODO: yield the first `count` items of `source` (none when count <= 0), and ask it for no more.
  throw new Error("TODO: 01-integers: write take(count, source)");
}
