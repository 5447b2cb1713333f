import type { ExerciseResult, GradeReport, SpeedupReport, TestResult } from "../result.ts";

/** An exercise as a run announces it, before anything is known of it. */
export interface PlannedExercise {
  id: string;
  number: number;
  title: string;
  points: number;
}

/**
 * What a grading run tells its front ends (the terminal, JSON and platform reporters, watch mode, the browser
 * app), in order: one `run-started`, then for each exercise `exercise-started`, any of the progress events, and
 * `exercise-verdict` (or `exercise-cancelled`), then one `run-finished` (absent when the run was cancelled).
 */
export type GradeEvent =
  | { type: "run-started"; target: string; mode: "practice" | "graded"; exercises: PlannedExercise[] }
  | { type: "exercise-started"; id: string; index: number; total: number }
  | { type: "test-finished"; id: string; test: TestResult }
  | { type: "analysis-finished"; id: string; warnings: string[] }
  | { type: "speedup-progress"; id: string; phase: "structure" | "timing"; ratios: number[] }
  | { type: "speedup-result"; id: string; speedup: SpeedupReport }
  | { type: "exercise-verdict"; result: ExerciseResult }
  | { type: "exercise-cancelled"; id: string }
  | { type: "run-finished"; report: GradeReport; elapsedMs: number };

export type GradeListener = (event: GradeEvent) => void;
