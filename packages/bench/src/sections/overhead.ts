import { createPiPool, type PiPool } from "@workshop/core";
import { type BenchContext, runs, type Section } from "../context.ts";
import { type Figure, measured, ratioOfMedians, skipped } from "../figure.ts";
import { LESSON, TARGETS } from "../lesson.ts";
import { repeat } from "../progress.ts";
import { measurePythonOverhead } from "../python.ts";
import { timeSplit } from "../split.ts";
import { linearFit, summarize } from "../stats.ts";

/** The setting: 2^26 samples in all, split into more and more tasks. */
const TOTAL = 2 ** 26;
/** Up to 2^16 tasks of 1024 samples: enough tasks that even a microsecond each shows above the noise. */
const NJOBS = [2 ** 8, 2 ** 10, 2 ** 12, 2 ** 14, 2 ** 16];
/** One message per task costs tens of µs: 2^14 tasks is already a second, and the slope is clear by then. */
const NJOBS_PER_MESSAGE = [2 ** 8, 2 ** 10, 2 ** 12, 2 ** 14];
/** Python's work: 2^16 iterations of an empty loop in all, in up to 4096 tasks (16 iterations each). */
const PYTHON = { total: 2 ** 16, njobs: [256, 512, 1024, 2048, 4096] };

/** µs per task of each run: the slope of seconds against the number of tasks, at constant total work. */
async function slopes(context: BenchContext, pool: PiPool, label: string, njobs: number[], count: number) {
  const rows = await repeat(context.progress, label, count, async () => {
    const seconds: number[] = [];
    for (const n of njobs) seconds.push(await timeSplit(pool, TOTAL / n, n));
    return seconds;
  });
  return { rows, microseconds: rows.map((seconds) => linearFit(njobs, seconds).slope * 1e6) };
}

/**
 * Per-task overhead, from a linear fit of time against the number of tasks at constant total work: the
 * workshop's pool (tasks of a tick coalesced), the same pool sending one message per task (what the pool did
 * before, and what `asyncio.to_thread` does), and Python's `asyncio.to_thread` in python3, all in this run.
 */
export const overheadSection: Section = {
  id: "overhead",
  title: "per-task overhead",
  async run(context: BenchContext) {
    const coalesced = await (async () => {
      await using pool = await createPiPool();
      return await slopes(context, pool, "workshop pool", NJOBS, runs(context, 5));
    })();
    const perMessage = await (async () => {
      await using pool = await createPiPool({ coalesce: false });
      return await slopes(context, pool, "one message per task", NJOBS_PER_MESSAGE, runs(context, 3));
    })();
    context.progress.step("python3 asyncio.to_thread");
    const python = measurePythonOverhead({ ...PYTHON, repeats: runs(context, 5) });

    const pool = summarize(coalesced.microseconds);
    const figures: Figure[] = [
      measured("overhead.pool", "workshop pool (coalesced), per task", "µs", coalesced.microseconds, {
        note: `fit over ${NJOBS.join(", ")} tasks of 2^26 samples`,
      }),
      measured("overhead.perMessage", "same pool, one message per task", "µs", perMessage.microseconds, {
        note: `${(summarize(perMessage.microseconds).median / pool.median).toFixed(0)}x the coalesced pool`,
      }),
    ];
    const label = "pool / Python asyncio.to_thread";
    if ("result" in python) {
      const pythonMicroseconds = python.result.runs.map((run) => run.slope * 1e6);
      const ratio = ratioOfMedians(pool, summarize(pythonMicroseconds));
      figures.push(
        measured(
          "overhead.python",
          `Python ${python.result.python} asyncio.to_thread, per task`,
          "µs",
          pythonMicroseconds,
          {
            note: `lesson: about ${LESSON.overheadSecondsPerTask * 1e6} µs`,
          },
        ),
        {
          id: "overhead.vsPython",
          label,
          unit: "x",
          summary: ratio,
          target: { atMost: TARGETS.overheadVsPython },
          note: `Python's overhead is ${(1 / ratio.median).toFixed(0)}x the pool's`,
        },
      );
    } else {
      figures.push(
        skipped("overhead.python", "Python asyncio.to_thread, per task", "µs", python.skipped),
        skipped("overhead.vsPython", label, "x", python.skipped, { atMost: TARGETS.overheadVsPython }),
      );
    }
    return {
      figures,
      data: {
        totalSamples: TOTAL,
        pool: { njobs: NJOBS, seconds: coalesced.rows },
        perMessage: { njobs: NJOBS_PER_MESSAGE, seconds: perMessage.rows },
        python: "result" in python ? { total: PYTHON.total, ...python.result } : { skipped: python.skipped },
      },
    };
  },
};
