// 04-line-numbers: the lesson is in README.md beside this file.
//
// `printer()` is the lesson's worked example: it prints whatever it is sent. Write `numberedPrinter()`, which
// prints each line it is sent after a line number: `001 Mercury`, `002 Venus`, ... Check with `pnpm grade 4`.

/**
 * Prints every line sent to it with `next(line)`. Prime it with one `next()` first.
 * A worked part, given as the lesson gives it: read it, then write `numberedPrinter()` below.
 */
export function* printer(): Generator<void, never, string> {
  while (true) {
    // `yield` pauses here; the value passed to the following `next(line)` is what this expression becomes.
    const line = yield;
    console.log(line);
  }
}

/**
 * Prints every line sent to it with `next(line)` after its line number, padded to three digits:
 * `001 Mercury`, `002 Venus`, ... Prime it with one `next()` first.
 */
export function* numberedPrinter(): Generator<void, never, string> {
  // TODO: like printer(), but print each line after its number, counted from 1 and padded to three digits:
  // `001 Mercury`, `002 Venus`, ...
  throw new Error("TODO: 04-line-numbers: write numberedPrinter()");
}
