// 10-efficiency: the lesson is in exercises/10-efficiency/README.md.
// Run the full sweep from the repository's root with
//   pnpm --dir exercises exec tsx 10-efficiency/efficiency.ts
import { fileURLToPath } from "node:url";
import { createPiPool, isEntryPoint, type PiPool } from "@workshop/core";
import { saveSvg, type TopLevelSpec } from "@workshop/core/plot";
import { timer } from "../06-async-timer/async-timer.ts";
import { calcPiSplit } from "../08-pi-split/pi-split.ts";

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
  // Every row must do exactly the same work, or the times compare different jobs: the total has to split
  // evenly into the largest number of tasks (and so into every smaller power of two).
  if (!Number.isSafeInteger(largestPower) || largestPower < 0) {
    throw new RangeError(`largestPower must be a whole number, at least 0; got ${largestPower}`);
  }
  if (!Number.isSafeInteger(totalSamples / 2 ** largestPower) || totalSamples <= 0) {
    throw new RangeError(`totalSamples (${totalSamples}) must split evenly into 2^${largestPower} tasks`);
  }
  const timings: Timing[] = [];
  // One row after the other, never side by side: each row should have the whole pool to itself.
  for (let power = 0; power <= largestPower; power++) {
    const njobs = 2 ** power;
    const samplesPerJob = totalSamples / njobs;
    console.log(`${samplesPerJob} - ${njobs}`);
    const seconds = await secondsToRun(() => calcPiSplit(pool, samplesPerJob, njobs));
    timings.push({ njobs, samplesPerJob, seconds });
  }
  return timings;
}

/** Wall-clock seconds that `work` takes, measured with the timer of exercise 06. */
async function secondsToRun(work: () => Promise<unknown>): Promise<number> {
  const elapsed = timer();
  {
    await using _ = elapsed;
    await work();
  }
  // Leaving the `await using` scope ran the timer's dispose, which set `time`.
  return elapsed.time ?? Number.NaN;
}

/**
 * The extra seconds each additional task costs: the slope of the least-squares line through (njobs, seconds).
 *
 * With the total work fixed, the time is roughly `work / cores + overhead * njobs` once there are enough tasks
 * to keep every core busy, so the slope against njobs estimates the overhead of one task.
 */
export function overheadPerTask(timings: Timing[]): number {
  if (new Set(timings.map((timing) => timing.njobs)).size < 2) {
    throw new RangeError("a slope needs timings at two or more different numbers of tasks");
  }
  const meanJobs = mean(timings.map((timing) => timing.njobs));
  const meanSeconds = mean(timings.map((timing) => timing.seconds));
  let covariance = 0;
  let variance = 0;
  for (const { njobs, seconds } of timings) {
    covariance += (njobs - meanJobs) * (seconds - meanSeconds);
    variance += (njobs - meanJobs) ** 2;
  }
  return covariance / variance;
}

function mean(values: number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

/** The lesson's plot: seconds against njobs, a line through the points, both axes on a log scale. */
export function timingsPlot(timings: Timing[]): TopLevelSpec {
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    description: "Time to estimate pi from the same number of samples, split into more and more tasks",
    // Copies, so that a later change to `timings` cannot change a chart already made.
    data: { values: timings.map((timing) => ({ ...timing })) },
    mark: { type: "line", point: true },
    encoding: {
      // Powers of two from 1 to 4096 and times spanning a factor of ten or more: only log axes show both ends.
      x: { field: "njobs", type: "quantitative", scale: { type: "log" }, title: "njobs (tasks)" },
      y: { field: "seconds", type: "quantitative", scale: { type: "log" }, title: "seconds" },
    },
  };
}

/** Draws `timingsPlot(timings)` and saves it as an SVG file. */
export async function savePlot(timings: Timing[], file: string): Promise<void> {
  await saveSvg(timingsPlot(timings), file);
}

/** The lesson's experiment at full size: 2^25 samples in 1 to 4096 tasks. */
export async function main(): Promise<void> {
  // A warm pool, so the first row (one task) is not charged for starting threads and compiling the kernel.
  // `coalesce: false` sends every task to its thread in a message of its own, as asyncio.to_thread does: that
  // per-message cost is what the lesson measures. The default pool batches the tasks started together, which
  // makes 4096 tasks nearly free (try it: remove the option and run again; the README says what to expect).
  await using pool = await createPiPool({ coalesce: false });
  const timings = await sweep(pool);
  const microseconds = overheadPerTask(timings) * 1e6;
  console.log(`overhead per task: about ${microseconds.toFixed(1)} µs`);
  const file = fileURLToPath(new URL("efficiency.timings.svg", import.meta.url));
  await savePlot(timings, file);
  console.log(`plot saved to ${file}`);
}

if (isEntryPoint(import.meta.url)) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
