// 02 · Even numbers: a worked part. This is the answer to exercise 01 (`integers()`), given here so that
// `evens()` in even-numbers.ts can reuse it. You do not need to change this file.

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
