import { availableParallelism } from "node:os";
import { createPiPool } from "@workshop/core";
import { BareWorkers } from "../bare-workers.ts";
import { type BenchContext, runs, type Section } from "../context.ts";
import { measured } from "../figure.ts";
import { LESSON, TARGETS } from "../lesson.ts";
import { repeat } from "../progress.ts";
import { timeSplit } from "../split.ts";
import { median } from "../stats.ts";

/** The lesson's 10^8 samples: as one task, and as its 10 tasks. */
const LESSON_SAMPLES = LESSON.singleThread.samples;
/**
 * The efficiency runs are shorter (about 0.15 s as one task), so that more of them fit: another process that
 * takes a core for a moment spoils one pair, and the median of many pairs is hardly moved by it.
 */
const SAMPLES = 2 ** 25;

/**
 * Parallel throughput. The lesson's 10^8 samples in one task and in 10, to set beside its 2.33 s and 0.59 s;
 * then, pair by pair, 2^25 samples as one task (one thread) and split into 1, 4, 16 and 64 tasks per core. The
 * best split's samples/s (the split with the lowest median time), over the cores times the one task's, says how
 * much of the machine the pool gets; the ratio is taken pair by pair.
 */
export const parallelSection: Section = {
  id: "parallel",
  title: "parallel throughput",
  async run(context: BenchContext) {
    const cores = availableParallelism();
    const splits = [cores, 4 * cores, 16 * cores, 64 * cores];
    await using pool = await createPiPool();
    await using bare = new BareWorkers(cores);
    await bare.warmUp();
    const lesson = await repeat(context.progress, "10^8 samples in 1 task, then 10", runs(context, 3), async () => ({
      one: await timeSplit(pool, LESSON_SAMPLES, 1),
      ten: await timeSplit(pool, LESSON_SAMPLES / 10, 10),
    }));
    const pairs = await repeat(context.progress, "2^25 samples in 1 task, then split", runs(context, 9), async () => {
      const single = await timeSplit(pool, SAMPLES, 1);
      // The machine's own: bare threads, one task on one of them, then one task on each, measured alongside.
      const bareSingle = await bare.time(SAMPLES, 1);
      const bareSplit = await bare.time(SAMPLES / cores, cores);
      const split: Record<number, number> = {};
      for (const tasks of splits) split[tasks] = await timeSplit(pool, SAMPLES / tasks, tasks);
      return { single, split, bareSingle, bareSplit };
    });
    const medianOf = (tasks: number) => median(pairs.map((p) => p.split[tasks] as number));
    const bestTasks = splits.reduce((best, tasks) => (medianOf(tasks) < medianOf(best) ? tasks : best));
    const lessonSpeedup = LESSON.singleThread.seconds / LESSON.tenTasks.seconds;
    const rate = (seconds: number) => (LESSON_SAMPLES / seconds / 1e6).toFixed(0);
    return {
      figures: [
        measured(
          "parallel.singleThread",
          "10^8 samples, 1 task (1 thread)",
          "s",
          lesson.map((r) => r.one),
          {
            note: `lesson: ${LESSON.singleThread.seconds} s; ours ${lesson.map((r) => rate(r.one)).join(", ")} M/s`,
          },
        ),
        measured(
          "parallel.tenTasks",
          "10^8 samples, 10 tasks",
          "s",
          lesson.map((r) => r.ten),
          {
            note: `lesson: ${LESSON.tenTasks.seconds} s (${lessonSpeedup.toFixed(1)}x its 1 task, on more cores)`,
          },
        ),
        measured(
          "parallel.efficiency",
          `best split (${bestTasks} tasks) / (${cores} cores x 1 task)`,
          "x",
          // samples/s of the split over cores x samples/s of one task, for the same samples: a ratio of times.
          pairs.map((p) => p.single / (cores * (p.split[bestTasks] as number))),
          { target: { atLeast: TARGETS.parallelEfficiency }, note: `2^25 samples; splits tried: ${splits.join(", ")}` },
        ),
        measured(
          "parallel.bareEfficiency",
          `bare worker_threads, 1 task per core / (${cores} x 1 task)`,
          "x",
          pairs.map((p) => p.bareSingle / (cores * p.bareSplit)),
          { note: "no pool: what this machine gives its cores at the moment, for comparison" },
        ),
      ],
      data: { cores, lessonSamples: LESSON_SAMPLES, samples: SAMPLES, splits, bestTasks, lesson, pairs },
    };
  },
};
