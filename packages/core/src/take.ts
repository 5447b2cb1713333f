/**
 * Yields the first `count` items of `source`, lazily: the counterpart of Python's `itertools.islice(source, count)`.
 *
 * Like `islice`, it returns an iterator, not an array: `console.log(take(3, xs))` prints `Object [Generator] {}`.
 * Spread it (`[...take(3, xs)]`) to see the values. It never asks `source` for more than `count` items, so it is
 * safe on infinite generators.
 */
export function* take<T>(count: number, source: Iterable<T>): Generator<T, void, undefined> {
  if (count <= 0) return;
  let taken = 0;
  for (const item of source) {
    yield item;
    taken += 1;
    // Stop before asking the source for one more item: an infinite source would never end the loop.
    if (taken >= count) return;
  }
}
