// 09-script-with-main: the script itself (the lesson's calc_pi/async_pi.py).
//
// Write an async `main()` that creates a warm pool, times one run of 10^8 samples and then
// calcPiSplit(pool, 10^7, 10), printing two lines after each. The guard at the bottom, which runs main() when
// the file is run as a script and only then, is given. Run it from the repository's root with
//   pnpm exec tsx exercises/09-script-with-main/async-pi.ts
// and check with `pnpm grade 9`.
//
// You will need: `createPiPool` from "@workshop/core", `timer` from "./async-timer.ts" and `calcPiSplit` from
// "./calc-pi.ts".
import { isEntryPoint } from "@workshop/core";

/** The whole program: every await of the script happens in here, under one async function. */
export async function main(): Promise<void> {
  // TODO: on a warm pool that main closes when it ends, time one task of 10^8 samples, then calcPiSplit with 10
  // tasks of 10^7; after each, print `Value of π: <the estimate>` and `that took <the seconds> seconds`.
  throw new Error("TODO: 09-script-with-main: write main()");
}

// Python's `if __name__ == "__main__": asyncio.run(main())`. Node already runs an event loop, so there is nothing
// to start: call main once, when this file is the script Node was asked to run (importing it runs nothing), and
// turn a failure into exit code 1 instead of an unhandled rejection.
if (isEntryPoint(import.meta.url)) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
