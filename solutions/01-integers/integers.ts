// 01-integers: the lesson is in exercises/01-integers/README.md.

/** Yields 1, 2, 3, ... forever. */
export function* integers(): Generator<number, never, undefined> {
  // The endless loop is safe: the body only runs up to the next `yield` each time somebody calls `next()`,
  // and `n` keeps its value across those pauses.
  let n = 1;
  while (true) {
    yield n;
    n += 1;
  }
}

/** Yields the first `count` items of `source`, and asks it for no more than that. */
export function* take<T>(count: number, source: Iterable<T>): Generator<T, void, undefined> {
  // Checked before the loop: `for...of` would otherwise pull one item before we could decide to stop.
  if (count <= 0) return;
  let taken = 0;
  for (const item of source) {
    yield item;
    taken += 1;
    // Returning from inside `for...of` calls the source's `return()`, so a generator source is closed too.
    if (taken >= count) return;
  }
}
