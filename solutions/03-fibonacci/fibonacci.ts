// 03-fibonacci: the lesson is in exercises/03-fibonacci/README.md.

/** Yields the Fibonacci numbers 1, 1, 2, 3, 5, 8, 13, ... forever: each is the sum of the two before it. */
export function* fibonacci(): Generator<number, never, undefined> {
  // The pair (current, following) is all the state the sequence needs; it lives in the paused generator
  // between calls, so every value costs one addition instead of a recomputation from the start.
  let current = 1;
  let following = 1;
  while (true) {
    yield current;
    // Destructuring updates both at once, like Python's `a, b = b, a + b`; a temporary would do as well.
    [current, following] = [following, current + following];
  }
}
