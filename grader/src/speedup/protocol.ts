import type { SpeedupReport } from "../result.ts";

/** What the grader asks the speedup process to measure: one exercise of one tree. */
export interface SpeedupRequest {
  /** The learner's file that exports `calcPiSplit(pool, samplesPerTask, tasks)`, as an absolute path. */
  splitFile: string;
  /** The learner's file that exports the efficiency study (`sweep`, `overheadPerTask`, `savePlot`), if any. */
  sweepFile?: string;
  cores: number;
  /**
   * The tree graded, when it lies outside the workshop: its package imports (`@workshop/core`) then resolve
   * from `exercises/`, as the exercise tests resolve them.
   */
  outsideTree?: { target: string; exercisesDir: string };
}

/**
 * What the speedup process says. `checked` comes as soon as the structural gate has passed: if the process has
 * to be killed after that, only the timing was left, and a slow machine is the likely cause.
 */
export type SpeedupMessage = { type: "checked" } | { type: "report"; report: SpeedupReport };
