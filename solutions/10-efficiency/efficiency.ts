// 10-efficiency: the lesson is in exercises/10-efficiency/README.md.
// Run the full sweep from the repository's root with
//   pnpm exec tsx exercises/10-efficiency/efficiency.ts
import { availableParallelism, cpus } from "node:os";
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
 * The extra seconds each additional task costs: the median of the slopes between every pair of rows (the
 * Theil-Sen estimate).
 *
 * With the total work fixed, the time is roughly `work / cores + overhead * njobs` once there are enough tasks
 * to keep every core busy, so the slope against njobs estimates the overhead of one task. A row that is far off
 * (the machine was busy for a moment) changes only the slopes of the pairs it is in, 12 of the 78, so it can
 * move the median a few places along the sorted slopes and no further. A least-squares line would follow it:
 * with njobs spaced 1 to 4096, the last row alone carries most of a least-squares slope.
 */
export function overheadPerTask(timings: Timing[]): number {
  const slopes: number[] = [];
  for (const [index, earlier] of timings.entries()) {
    for (const later of timings.slice(index + 1)) {
      // Two rows with the same njobs say nothing about the slope (and would divide by zero).
      if (later.njobs === earlier.njobs) continue;
      slopes.push((later.seconds - earlier.seconds) / (later.njobs - earlier.njobs));
    }
  }
  if (slopes.length === 0) {
    throw new RangeError("a slope needs timings at two or more different numbers of tasks");
  }
  return median(slopes);
}

/** The middle value, or the mean of the two middle values of an even count. */
function median(values: number[]): number {
  // Sorting compares numbers, not their text: a plain `.sort()` would put 10 before 9.
  const ascending = values.toSorted((a, b) => a - b);
  const half = Math.floor(ascending.length / 2);
  const upper = ascending[half] ?? Number.NaN;
  return ascending.length % 2 === 1 ? upper : ((ascending[half - 1] ?? Number.NaN) + upper) / 2;
}

/** What the plot's title says the sweep ran on: the cores and the processor of this machine. */
function machine(): string {
  return `${availableParallelism()} cores, ${cpus()[0]?.model.trim() ?? "an unknown processor"}`;
}

/** The lesson's plot: seconds against njobs, a line through the points, both axes on a log scale. */
export function timingsPlot(timings: Timing[]): TopLevelSpec {
  const njobs = timings.map((timing) => timing.njobs);
  const [first] = timings;
  // Every row does the same work, so any row gives the total.
  const totalSamples = first ? first.njobs * first.samplesPerJob : 0;
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: {
      text: `Time to estimate pi from ${totalSamples} samples, in 1 to ${Math.max(...njobs)} tasks`,
      subtitle: machine(),
    },
    width: 480,
    // Copies, so that a later change to `timings` cannot change a chart already made.
    data: { values: timings.map((timing) => ({ ...timing })) },
    mark: { type: "line", point: true },
    encoding: {
      // Powers of two from 1 to 4096 and times spanning a factor of ten or more: only log axes show both ends.
      // The ticks are the measured njobs and the axis stops at the last of them: a tick at 10 or 10,000 would
      // suggest a measurement that was never made.
      x: {
        field: "njobs",
        type: "quantitative",
        scale: { type: "log", domain: [Math.min(...njobs), Math.max(...njobs)] },
        axis: { values: njobs.filter((_, index) => index % 2 === 0), format: "d" },
        title: "njobs (tasks)",
      },
      y: { field: "seconds", type: "quantitative", scale: { type: "log" }, title: "seconds" },
    },
  };
}

/** Draws `timingsPlot(timings)` and saves it as an SVG file. */
export async function savePlot(timings: Timing[], file: string): Promise<void> {
  await saveSvg(timingsPlot(timings), file);
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
