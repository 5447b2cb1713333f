import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { calcPiMathRandom, countHits } from "@workshop/core/kernel";
import { type BenchContext, runs, type Section } from "../context.ts";
import { type Figure, measured, skipped } from "../figure.ts";
import { LESSON, TARGETS } from "../lesson.ts";
import { compiledCoreIsCurrent, coreRoot } from "../paths.ts";
import { repeat } from "../progress.ts";
import { summarize } from "../stats.ts";

/**
 * Samples per timed call: about 20 ms of the core kernel, long enough for the clock's grain, short enough that
 * many interleaved runs fit in a few seconds. Other processes on the machine slow some runs down; with many
 * short runs side by side, the median of the run-by-run ratios is hardly moved by them.
 */
const SAMPLES = 2 ** 22;

type Kernel = (samples: number, seed: number) => unknown;

/** Samples per second of one call, in millions. */
function rate(kernel: Kernel, seed: number): number {
  const start = performance.now();
  kernel(SAMPLES, seed);
  return SAMPLES / (performance.now() - start) / 1e3;
}

/**
 * Kernel throughput on the main thread: the core kernel (loaded through tsx, as every exercise loads it) against
 * a `Math.random` kernel with the same loop, and against the same kernel compiled to plain JavaScript.
 */
export const kernelSection: Section = {
  id: "kernel",
  title: "kernel throughput",
  async run(context: BenchContext) {
    const { progress } = context;
    const plain = compiledCoreIsCurrent()
      ? ((await import(pathToFileURL(join(coreRoot, "dist/kernel/calc-pi.js")).href)) as { countHits: Kernel })
      : undefined;
    const kernels: [string, Kernel][] = [
      ["core", countHits],
      ["mathRandom", (samples) => calcPiMathRandom(samples)],
      ...(plain ? [["plainJs", plain.countHits] as [string, Kernel]] : []),
    ];
    // Unmeasured calls first, so that every kernel is compiled by V8's optimizing tier before it is timed.
    for (const [, kernel] of kernels) for (let i = 0; i < 3; i++) kernel(SAMPLES, i + 1);
    const rates = await repeat(progress, "core, Math.random and plain JS kernels", runs(context, 15), (run) => {
      // Each run in a different order, so that no kernel always goes first after a pause.
      const order = kernels.map((_, i) => kernels[(i + run) % kernels.length] as [string, Kernel]);
      return Object.fromEntries(order.map(([name, kernel]) => [name, rate(kernel, run + 1)]));
    });
    const of = (name: string) => rates.map((r) => r[name] as number);
    const core = summarize(of("core"));
    const numba = LESSON.singleThread.samples / LESSON.singleThread.seconds / 1e6;
    const figures: Figure[] = [
      measured("kernel.core", "core kernel (xorshift32), one thread", "M samples/s", of("core"), {
        note: `lesson's Numba: ${numba.toFixed(0)} M/s, so ${(core.median / numba).toFixed(1)}x`,
      }),
      measured("kernel.mathRandom", "Math.random kernel, same loop", "M samples/s", of("mathRandom")),
      measured(
        "kernel.vsMathRandom",
        "core kernel / Math.random kernel",
        "x",
        rates.map((r) => (r.core as number) / (r.mathRandom as number)),
        { target: { atLeast: TARGETS.kernelVsMathRandom }, note: "ratio taken run by run" },
      ),
    ];
    figures.push(
      plain
        ? measured(
            "kernel.tsxVsPlainJs",
            "kernel through tsx / compiled plain JS",
            "x",
            rates.map((r) => (r.core as number) / (r.plainJs as number)),
            { target: { atLeast: TARGETS.tsxVsPlainJs }, note: `plain JS: ${fmt(of("plainJs"))} M/s` },
          )
        : skipped(
            "kernel.tsxVsPlainJs",
            "kernel through tsx / compiled plain JS",
            "x",
            "core's dist/ is missing or older than its sources: run `pnpm build`",
            { atLeast: TARGETS.tsxVsPlainJs },
          ),
    );
    return { figures, data: { samplesPerCall: SAMPLES, lessonNumbaMSamplesPerSecond: numba } };
  },
};

function fmt(values: number[]): string {
  return summarize(values).median.toFixed(0);
}
