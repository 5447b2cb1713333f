// 09-script-with-main: the script itself (the lesson's calc_pi/async_pi.py).
//
// Write an async `main()` that creates a warm pool, times one run of 10^8 samples and then
// calcPiSplit(pool, 10^7, 10), printing two lines after each. Then make the file call main() when it is run as a
// script, and only then. Run it from the repository's root with
//   pnpm --dir exercises exec tsx 09-script-with-main/async-pi.ts
// and check with `pnpm grade 9`.
//
// You will need: `createPiPool` and `isEntryPoint` from "@workshop/core", `timer` from "./async-timer.ts" and
// `calcPiSplit` from "./calc-pi.ts".

/** The whole program: every await of the script happens in here, under one async function. */
export async function main(): Promise<void> {
  // TODO: `await using pool = await createPiPool();` (it warms up the threads and closes them when main ends).
  // TODO: time `await pool.run(10 ** 8)` and print `Value of π: ${pi}` and `that took ${seconds} seconds`.
  // TODO: time `await calcPiSplit(pool, 10 ** 7, 10)` and print the same two lines.
  throw new Error("TODO: 09-script-with-main: write main()");
}

// TODO: call main() only when this file is the script Node was asked to run:
//   if (isEntryPoint(import.meta.url)) { main().catch(...) }
// and in the catch, print the error and set process.exitCode = 1.
