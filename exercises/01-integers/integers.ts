// 01-integers: the lesson is in README.md beside this file.
//
// Write `integers()`, which yields 1, 2, 3, ... forever, and `take(count, source)`, which yields the first
// `count` items of any iterable, even an infinite one. Check with `pnpm grade 1`.

/** Yields 1, 2, 3, ... forever. */
export function* integers(): Generator<number, never, undefined> {
  // TODO: keep a counter, starting at 1; in an endless loop, yield it and then add one.
  throw new Error("TODO: 01-integers: write integers()");
}

/** Yields the first `count` items of `source`, and asks it for no more than that. */
export function* take<T>(count: number, source: Iterable<T>): Generator<T, void, undefined> {
  // TODO: yield items of `source` one by one and stop after `count` of them (or at once when count <= 0).
  throw new Error("TODO: 01-integers: write take(count, source)");
}
