import { existsSync } from "node:fs";
import { join } from "node:path";
// The target module alone: the package's index loads vitest, which the grader's own process does not need.
import { TARGET_ENV } from "@workshop/test-kit/target";
import type { FileAnalysis } from "./analysis/analysis-messages.ts";
import type { Exercise } from "./curriculum.ts";
import { displayPath, exercisesDir, solutionsDir } from "./paths.ts";
import type { ExerciseResult } from "./result.ts";
import type { ChildMessage } from "./run/messages.ts";
import { TestProcess } from "./run/test-process.ts";
import { checkSpeedup, type SpeedupOptions } from "./speedup/check-speedup.ts";
import { applySpeedup, judge } from "./verdict.ts";

export interface GradeOptions {
  /** The tree to grade: `exercises/`, `solutions/`, or any folder laid out like them. */
  target: string;
  /** The test process for that tree, shared by every exercise of one grading run. */
  tests: TestProcess;
  /** Static analysis of the target's files and of the starters, running in the background. */
  analysis: Promise<Map<string, FileAnalysis>>;
  /** Called for every result the test process reports, for live progress. */
  onMessage?: (message: ChildMessage) => void;
  /** For the grader's own tests: how the speedup check measures (cores, limit). */
  speedup?: SpeedupOptions;
}

/**
 * How long one test may wait for a promise before vitest calls it stuck. Shorter than any exercise's limit,
 * so a never-settling promise is named as such instead of ending in a kill.
 */
const TEST_TIMEOUT_MS = 10_000;

/**
 * The files static analysis should read for `exercises`: the graded ones, and the reference solutions whose
 * exports they must match (a learner's starter is their own work by now; the solution has the same exports,
 * which the self-check proves).
 */
export function filesToAnalyze(exercises: Exercise[], target: string): { files: string[]; shapeOnly: string[] } {
  const files = exercises.flatMap((e) => e.codeFiles.map((name) => join(target, e.id, name)));
  const references = exercises.flatMap((e) => e.codeFiles.map((name) => join(solutionsDir, e.id, name)));
  return { files, shapeOnly: references.filter((file) => !files.includes(file)) };
}

/**
 * Grades one exercise. The tests run while static analysis reads the same files; the clearest explanation
 * wins: a missing file, a syntax error or a missing export is said in those words, whatever the tests did.
 * Type errors are added as warnings.
 */
export async function gradeExercise(exercise: Exercise, options: GradeOptions): Promise<ExerciseResult> {
  const missing = exercise.codeFiles.map((name) => join(options.target, exercise.id, name)).find((f) => !existsSync(f));
  if (missing) {
    return failedBeforeRunning(
      exercise,
      `${displayPath(missing)} is missing: this exercise needs it. ` +
        `Restore the starter with \`pnpm grade --reset ${exercise.number}\`.`,
    );
  }
  const codeFiles = exercise.codeFiles.map((name) => join(options.target, exercise.id, name));
  const outcome = await options.tests.run(
    exercise.testFile,
    codeFiles,
    exercise.timeoutSeconds * 1000,
    options.onMessage,
  );
  const analyses = await options.analysis;
  const staticProblem = explainStatically(exercise, options.target, analyses);
  if (staticProblem) staticProblem.durationMs = Math.round(outcome.durationMs);
  let result = staticProblem ?? judge(exercise, outcome);
  // Only code whose tests pass is worth timing; the tests explain everything else better.
  if (result.status === "passed" && exercise.speedup) {
    const startedAt = performance.now();
    result = applySpeedup(result, await checkSpeedup(exercise, options.target, options.speedup));
    result.durationMs += Math.round(performance.now() - startedAt);
  }
  for (const name of exercise.codeFiles) {
    result.warnings.push(...(analyses.get(join(options.target, exercise.id, name))?.typeWarnings ?? []));
  }
  return result;
}

/** The test process for grading `target`: one vitest instance, reused for every exercise. */
export function testProcessFor(target: string, exerciseLimitSeconds?: number): TestProcess {
  // With a short exercise limit (`--timeout`), a single test gets half of it, so a stuck promise is still named.
  const testTimeoutMs = Math.min(TEST_TIMEOUT_MS, ((exerciseLimitSeconds ?? Number.POSITIVE_INFINITY) * 1000) / 2);
  return new TestProcess({
    configFile: join(exercisesDir, "vitest.config.ts"),
    target,
    targetEnv: TARGET_ENV,
    testTimeoutMs,
  });
}

function explainStatically(
  exercise: Exercise,
  target: string,
  analyses: Map<string, FileAnalysis>,
): ExerciseResult | undefined {
  for (const file of exercise.codeFiles) {
    const targetFile = join(target, exercise.id, file);
    const shown = displayPath(targetFile);
    const analysis = analyses.get(targetFile);
    if (!analysis) continue;
    if (analysis.syntaxError) {
      const { message, location } = analysis.syntaxError;
      return failedBeforeRunning(
        exercise,
        `syntax error in ${shown}:${location.line}:${location.column}: ${message}. Fix it and grade again.`,
        location,
      );
    }
    const expected = analyses.get(join(solutionsDir, exercise.id, file))?.names ?? [];
    const found = new Set(analysis.names);
    const missing = expected.filter((name) => !found.has(name));
    if (missing.length > 0) {
      return failedBeforeRunning(
        exercise,
        `${shown} does not export ${missing.map((n) => `\`${n}\``).join(", ")}. The tests import ` +
          `${expected.map((n) => `\`${n}\``).join(", ")}: check the spelling and the \`export\` keyword.`,
        { file: targetFile, line: 1, column: 1 },
      );
    }
  }
  return undefined;
}

function failedBeforeRunning(
  exercise: Exercise,
  message: string,
  location?: ExerciseResult["location"],
): ExerciseResult {
  const result: ExerciseResult = {
    id: exercise.id,
    title: exercise.title,
    status: "failed",
    durationMs: 0,
    message,
    points: 0,
    maxPoints: exercise.points,
    tests: [],
    output: "",
    warnings: [],
  };
  if (location) result.location = location;
  return result;
}
