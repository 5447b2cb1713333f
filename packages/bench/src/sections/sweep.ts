import { createPiPool, type PiPoolOptions } from "@workshop/core";
import { type BenchContext, runs, type Section } from "../context.ts";
import { type Figure, measured, ratioOfMedians, skipped } from "../figure.ts";
import { KNEE_FACTOR, minimumAndKnee } from "../knee.ts";
import { LESSON } from "../lesson.ts";
import { repeat } from "../progress.ts";
import { timeSplit } from "../split.ts";
import { type Summary, summarize } from "../stats.ts";

const TOTAL = LESSON.sweep.totalSamples;
/** The exercise's sweep goes to 2^12 tasks; the coalescing pool's knee lies beyond, so this one goes further. */
const LARGEST_POWER = 18;
const EXERCISE_LARGEST_POWER = 12;

/** A sweep's rows: for each number of tasks, the seconds of every run, summarized. */
export interface SweepRow extends Summary {
  njobs: number;
}

/** Times 2^0 .. 2^largestPower tasks at constant total work, several times, each time on a fresh pool. */
async function sweep(context: BenchContext, label: string, options: PiPoolOptions, largestPower: number) {
  const njobs = Array.from({ length: largestPower + 1 }, (_, power) => 2 ** power);
  // A fresh pool for each run: a pool logs every task, and a sweep to 2^18 tasks makes half a million of them.
  const curves = await repeat(context.progress, label, runs(context, 3), async () => {
    await using pool = await createPiPool(options);
    const curve: { njobs: number; seconds: number }[] = [];
    for (const n of njobs) curve.push({ njobs: n, seconds: await timeSplit(pool, TOTAL / n, n) });
    return curve;
  });
  const rows: SweepRow[] = njobs.map((n, i) => ({ njobs: n, ...summarize(curves.map((c) => c[i]?.seconds ?? 0)) }));
  return { rows, curves };
}

const power = (n: number) => `2^${Math.log2(n)}`;

/** The figures of one sweep: one task, the fastest, 4096 tasks, and the knee, each beside the lesson's. */
function sweepFigures(prefix: string, name: string, { rows, curves }: Awaited<ReturnType<typeof sweep>>): Figure[] {
  const [lessonOne, lessonBest, lessonMost] = LESSON.sweep.points;
  const row = (n: number) => rows.find((r) => r.njobs === n) as SweepRow;
  const best = minimumAndKnee(rows.map((r) => ({ njobs: r.njobs, seconds: r.median }))).best;
  const knees = curves.map((curve) => minimumAndKnee(curve).knee?.njobs);
  const kneeLabel = `${name}: knee (${KNEE_FACTOR}x the fastest), tasks`;
  const largest = rows.at(-1)?.njobs ?? 1;
  const figures: Figure[] = [
    {
      id: `${prefix}.oneTask`,
      label: `${name}: 1 task`,
      unit: "s",
      summary: row(1),
      note: `lesson: ${lessonOne?.seconds} s`,
    },
    {
      id: `${prefix}.best`,
      label: `${name}: fastest, at ${best.njobs} tasks`,
      unit: "s",
      summary: row(best.njobs),
      note: `lesson: ${lessonBest?.seconds} s at ${lessonBest?.njobs} tasks`,
    },
    {
      id: `${prefix}.at4096`,
      label: `${name}: 4096 tasks`,
      unit: "s",
      summary: row(4096),
      note: `lesson: ${lessonMost?.seconds} s; ours ${(row(4096).median / best.seconds).toFixed(2)}x our fastest`,
    },
  ];
  figures.push(
    knees.every((k) => k !== undefined)
      ? measured(`${prefix}.knee`, kneeLabel, "tasks", knees as number[], {
          note: `each run's own knee; median at ${TOTAL / summarize(knees as number[]).median} samples per task`,
        })
      : skipped(`${prefix}.knee`, kneeLabel, "tasks", `not reached by every run up to ${power(largest)} tasks`),
  );
  return figures;
}

/**
 * The efficiency study at the lesson's size (2^25 samples, 1 to 4096 tasks and beyond), with the workshop's pool
 * and with the same pool sending one message per task, beside the three points the lesson quotes.
 */
export const sweepSection: Section = {
  id: "sweep",
  title: "efficiency sweep",
  async run(context: BenchContext) {
    const pool = await sweep(context, `workshop pool, 1 to 2^${LARGEST_POWER} tasks`, {}, LARGEST_POWER);
    const perMessage = await sweep(
      context,
      `one message per task, 1 to 2^${EXERCISE_LARGEST_POWER} tasks`,
      { coalesce: false },
      EXERCISE_LARGEST_POWER,
    );
    const figures = [
      ...sweepFigures("sweep.pool", "pool", pool),
      ...sweepFigures("sweep.perMessage", "1 msg/task", perMessage),
    ];
    const poolKnee = figures.find((f) => f.id === "sweep.pool.knee")?.summary;
    const messageKnee = figures.find((f) => f.id === "sweep.perMessage.knee")?.summary;
    if (poolKnee && messageKnee) {
      figures.push({
        id: "sweep.kneeShift",
        label: "knee moved by coalescing",
        unit: "x tasks",
        summary: ratioOfMedians(poolKnee, messageKnee),
        note: `from ${power(messageKnee.median)} to ${power(poolKnee.median)} tasks (medians)`,
      });
    }
    return {
      figures,
      data: { totalSamples: TOTAL, lesson: LESSON.sweep.points, pool: pool.rows, perMessage: perMessage.rows },
    };
  },
};
