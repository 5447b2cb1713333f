/**
 * The lesson's own figures (Python asyncio with Numba, on the lesson author's machine), which `pnpm bench`
 * puts beside the workshop's.
 */
export const LESSON = {
  /** 10^8 samples on one thread. */
  singleThread: { samples: 1e8, seconds: 2.33 },
  /** The same 10^8 samples as 10 tasks. */
  tenTasks: { samples: 1e8, tasks: 10, seconds: 0.59 },
  /** "About 0.1 ms overhead per task". */
  overheadSecondsPerTask: 1e-4,
  /** The efficiency figure: 2^25 samples split into 1 to 4096 tasks; the three points the lesson quotes. */
  sweep: {
    totalSamples: 2 ** 25,
    points: [
      { njobs: 1, seconds: 0.28 },
      { njobs: 8, seconds: 0.076 },
      { njobs: 4096, seconds: 0.3 },
    ],
  },
} as const;

/** The targets of the performance issue, and the grader's speed targets. */
export const TARGETS = {
  kernelVsMathRandom: 3,
  tsxVsPlainJs: 0.95,
  parallelEfficiency: 0.9,
  overheadVsPython: 0.2,
  startupVsPlainWorker: 2,
  gradeAllSeconds: 15,
  gradeOneSeconds: 1.5,
  watchRegradeSeconds: 0.5,
  /** A graded exercise in its sandboxes, against the same unprotected (issue: at most 1.3x). */
  sandboxCost: 1.3,
  /** A graded exercise, judged across the boundary, against a practice run of it (at most 1.5x). */
  gradedVsPractice: 1.5,
  /** The reference split's speedup as the judge measures it across the boundary, against in one process. */
  speedupAcross: 0.9,
} as const;
