import type { SpeedupReport } from "../result.ts";

/** What the grader asks the speedup process to measure: one exercise of one tree, as its contract names it. */
export interface SpeedupRequest {
  /** The file that exports the split (`calcPiSplit(pool, samplesPerTask, tasks)`), as an absolute path. */
  splitFile: string;
  /** The name it exports the split under. */
  splitExport: string;
  /** How messages name the split's file: the learner's own path, not the grading tree's. */
  splitShown: string;
  /** The efficiency study (a sweep, the overhead it shows, its plot), if the exercise has one. */
  efficiency?: {
    file: string;
    shown: string;
    sweep: string;
    overheadPerTask: string;
    savePlot: string;
    rows: number;
    totalSamples: number;
  };
  /** Threads of the pool the split runs on: one per core, and two on one core, to show whether tasks overlap. */
  threads: number;
  /** The cores the grader sees (`graderCores()`): what the split is sized and judged for. */
  cores: number;
  /** Why the timing is skipped and only the structure checked (see `untimedReason`); absent when it is timed. */
  untimed?: string;
  /** The tree graded: its package imports (`@workshop/core`) resolve from exercises/, as the tests resolve them. */
  tree: string;
  /** A graded run's: the learner's code runs in a sandboxed process of its own, never in the judge's. */
  acrossBoundary?: boolean;
}

/**
 * What the speedup process says. `checked` comes as soon as the structural gate has passed: if the process has
 * to be killed after that, only the timing was left, and a slow machine is the likely cause. `progress` tells
 * how far the timing is, for a live view.
 */
export type SpeedupMessage =
  | { type: "checked" }
  | { type: "progress"; pairs: number; ratios: number[] }
  | { type: "report"; report: SpeedupReport };
