// 10-efficiency: the lesson is in README.md beside this file.
//
// Split the same total work into 1, 2, 4, ..., 4096 tasks, time each split, estimate what one extra task
// costs, and plot the times on log axes. `main()` at the bottom is written for you: once your functions work,
// run the full sweep from the repository's root with
//   pnpm exec tsx exercises/10-efficiency/efficiency.ts
// Check with `pnpm grade 10`.
//
// You will need: `saveSvg` from "@workshop/core/plot", and your own `timer` (exercise 06) and `calcPiSplit`
// (exercise 08), imported from their folders: "../06-async-timer/async-timer.ts" and "../08-pi-split/pi-split.ts".
import { availableParallelism, cpus } from "node:os";
import { fileURLToPath } from "node:url";
import { createPiPool, isEntryPoint, type PiPool } from "@workshop/core";
import type { TopLevelSpec } from "@workshop/core/plot";

/** One row of the sweep: the same total work, split into `njobs` tasks of `samplesPerJob` samples. */
export interface Timing {
  njobs: number;
  samplesPerJob: number;
  seconds: number;
}

/**
 * Times calcPiSplit on `totalSamples` samples split into 1, 2, 4, ..., 2^largestPower tasks, one row per
 * split, printing `samplesPerJob - njobs` before each run like the lesson.
 */
export async function sweep(pool: PiPool, totalSamples = 2 ** 25, largestPower = 12): Promise<Timing[]> {
  // TODO: one row for each njobs = 1, 2, 4, ..., 2^largestPower, one after another: print
  // `${samplesPerJob} - ${njobs}`, time calcPiSplit on the same total samples split into njobs tasks, and return
  // the rows { njobs, samplesPerJob, seconds }.
  throw new Error("TODO: 10-efficiency: write sweep(pool, totalSamples, largestPower)");
}

/**
 * The extra seconds each additional task costs: the median of the slopes between every pair of rows (the
 * Theil-Sen estimate).
 */
export function overheadPerTask(timings: Timing[]): number {
  // TODO: return the median of the slopes of seconds against njobs between every pair of rows.
  throw new Error("TODO: 10-efficiency: write overheadPerTask(timings)");
}

/** What the plot's title says the sweep ran on: the cores and the processor of this machine. */
function machine(): string {
  return `${availableParallelism()} cores, ${cpus()[0]?.model.trim() ?? "an unknown processor"}`;
}

/** The lesson's plot: seconds against njobs, a line through the points, both axes on a log scale. */
export function timingsPlot(timings: Timing[]): TopLevelSpec {
  // TODO: return the lesson's plot as a Vega-Lite spec: seconds against njobs, a line with a point per row, both
  // axes on a log scale, x ticks at measured njobs only (1, 4, 16, ..., 4096) and ending at the last, and a title
  // that names the total samples, with `machine()` as its subtitle.
  throw new Error("TODO: 10-efficiency: write timingsPlot(timings)");
}

/** Draws `timingsPlot(timings)` and saves it as an SVG file. */
export async function savePlot(timings: Timing[], file: string): Promise<void> {
  // TODO: save the plot of `timings` as an SVG image in `file`.
  throw new Error("TODO: 10-efficiency: write savePlot(timings, file)");
}

/**
 * The lesson's experiment: 2^25 samples in 1 to 4096 tasks, each row's time, the overhead per task, and the plot.
 * The same with fewer samples or tasks, to try it quickly: `main(2 ** 20, 8)`.
 */
export async function main(
  totalSamples = 2 ** 25,
  largestPower = 12,
  plotFile = fileURLToPath(new URL("efficiency.timings.svg", import.meta.url)),
): Promise<void> {
  // A warm pool, so the first row (one task) is not charged for starting threads and compiling the kernel.
  // `coalesce: false` sends every task to its thread in a message of its own, as asyncio.to_thread does: that
  // per-message cost is what the lesson measures. The default pool batches the tasks started together, which
  // makes 4096 tasks nearly free (try it: remove the option and run again; the README says what to expect).
  await using pool = await createPiPool({ coalesce: false });
  const timings = await sweep(pool, totalSamples, largestPower);
  for (const { njobs, seconds } of timings) {
    console.log(`njobs ${String(njobs).padStart(4)}: ${seconds.toFixed(3)} s`);
  }
  const microseconds = overheadPerTask(timings) * 1e6;
  console.log(`overhead per task: about ${microseconds.toFixed(1)} µs`);
  await savePlot(timings, plotFile);
  console.log(`plot saved to ${plotFile}`);
}

if (isEntryPoint(import.meta.url)) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
