// 04-line-numbers: the lesson is in exercises/04-line-numbers/README.md.

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
  // The line number is state that outlives each `next(line)` call, so it lives in the paused generator; each
  // numberedPrinter() gets its own, which is why two printers number independently.
  let lineNumber = 1;
  while (true) {
    const line = yield;
    // Python's `f"{lineno:03}"` sets a minimum width: line 1000 prints as `1000`, and so does padStart.
    console.log(`${String(lineNumber).padStart(3, "0")} ${line}`);
    lineNumber += 1;
  }
}
