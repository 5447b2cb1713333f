// 09-script-with-main: the script itself (the lesson's calc_pi/async_pi.py).
// The lesson is in exercises/09-script-with-main/README.md. Run it from the repository's root with
//   pnpm exec tsx exercises/09-script-with-main/async-pi.ts
import { createPiPool, isEntryPoint, type PiPool } from "@workshop/core";
import { timer } from "./async-timer.ts";
import { calcPiSplit } from "./calc-pi.ts";

/** The lesson's sizes: one task of 10^8 samples against 10 tasks of 10^7, the same total work. */
const SAMPLES = 10 ** 8;
const SAMPLES_PER_TASK = 10 ** 7;
const TASKS = 10;

/** Runs `estimate` under the timer and prints the lesson's two lines. */
async function timeAndPrint(estimate: () => Promise<number>): Promise<void> {
  const elapsed = timer();
  let pi: number;
  {
    await using _ = elapsed;
    pi = await estimate();
  }
  // Printed after the scope: `elapsed.time` is only set once `await using` has run the timer's dispose.
  console.log(`Value of π: ${pi}`);
  console.log(`that took ${elapsed.time} seconds`);
}

/** The whole program: every await of the script happens in here, under one async function. */
export async function main(): Promise<void> {
  // createPiPool warms every thread up before returning (the lesson's `calc_pi(1)`, which makes Numba compile
  // before the timing starts). `await using` closes the pool when main ends, even after an error.
  await using pool: PiPool = await createPiPool();
  await timeAndPrint(() => pool.run(SAMPLES));
  await timeAndPrint(() => calcPiSplit(pool, SAMPLES_PER_TASK, TASKS));
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
