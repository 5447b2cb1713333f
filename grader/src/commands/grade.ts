import { resolve } from "node:path";
import { loadCourse } from "../course.ts";
import { type Exercise, findExercise } from "../curriculum/load-curriculum.ts";
import { workshop } from "../paths.ts";
import { createGradingSession } from "../pipeline/create-session.ts";
import type { ReporterName } from "../report/reporters.ts";
import { progressFile, recordResult } from "../state.ts";
import { gradeRun } from "./grade-run.ts";

export interface GradeCommandOptions {
  solutions?: boolean;
  /** The folder `--target` named, checked (cli/target.ts). */
  target?: string;
  ci?: boolean;
  reporter: ReporterName;
  out?: string;
  verbose?: boolean;
  timeout?: number;
  /** False with `--no-sandbox`. */
  sandbox?: boolean;
}

/**
 * `pnpm grade [exercises...]`: one grading run of the exercises named (all when none is), in curriculum order,
 * of exercises/, the solutions, or another folder. Resolves with the exit code (commands/grade-run.ts).
 */
export function gradeCommand(curriculum: Exercise[], queries: string[], options: GradeCommandOptions): Promise<number> {
  const source = options.solutions ? workshop.solutions : (options.target ?? workshop.exercises);
  // In curriculum order, each once, however they were typed.
  const picked = new Set(queries.map((query) => findExercise(curriculum, query)));
  const exercises = picked.size > 0 ? curriculum.filter((e) => picked.has(e)) : curriculum;
  const graded = Boolean(options.ci || options.target);
  const course = loadCourse();
  return gradeRun({
    curriculum,
    exercises,
    session: createGradingSession({
      curriculum,
      source,
      label: options.solutions ? "solutions" : options.target ? source : "exercises",
      mode: graded ? "graded" : "practice",
      policy: course.inconclusiveSpeedup,
      // Gradescope sets each hidden test's visibility apart; every other report shows a hidden test's name only.
      revealHiddenTests: options.reporter === "gradescope",
      ...(options.timeout ? { timeLimitSeconds: options.timeout } : {}),
      ...(source === workshop.exercises ? { onVerdict: (result) => recordResult(progressFile, result) } : {}),
      ...(options.sandbox === false ? { allowUnprotected: true } : {}),
    }),
    reporter: options.reporter,
    verbose: options.verbose ?? false,
    course,
    ...(options.out ? { out: resolve(options.out) } : {}),
  });
}
