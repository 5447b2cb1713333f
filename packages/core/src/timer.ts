/**
 * The async timer of the lesson: Python's `async with timer() as t:` becomes `await using t = timer()`.
 *
 * `time` stays `undefined` while the scope runs, like Python's `Elapsed(time=None)`, and holds the elapsed seconds
 * once the scope is left. To print it after the block, keep a reference outside:
 *
 * ```ts
 * const t = timer();
 * {
 *   await using _ = t;
 *   await work();
 * }
 * console.log(`that took ${t.time} seconds`);
 * ```
 */
export interface Elapsed extends AsyncDisposable {
  /** Seconds between `timer()` and the end of the `await using` scope; `undefined` until then. */
  time: number | undefined;
}

export function timer(now: () => number = () => performance.now()): Elapsed {
  const startedAt = now();
  return {
    time: undefined,
    async [Symbol.asyncDispose]() {
      this.time = (now() - startedAt) / 1000;
    },
  };
}
