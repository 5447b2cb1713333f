import { existsSync } from "node:fs";
import { join, relative } from "node:path";
import type { Exercise } from "./curriculum.ts";
import { readModuleShape } from "./exports.ts";
import { exercisesDir, repoRoot } from "./paths.ts";
import type { ExerciseResult } from "./result.ts";
import type { ChildMessage } from "./run/messages.ts";
import { TestProcess } from "./run/test-process.ts";
import { judge } from "./verdict.ts";

export interface GradeOptions {
  /** The tree to grade: `exercises/`, `solutions/`, or any folder laid out like them. */
  target: string;
  /** The test process for that tree, shared by every exercise of one grading run. */
  tests: TestProcess;
  /** Called for every result the test process reports, for live progress. */
  onMessage?: (message: ChildMessage) => void;
}

/**
 * How long one test may wait for a promise before vitest calls it stuck. Shorter than any exercise's limit,
 * so a never-settling promise is named as such instead of ending in a kill.
 */
const TEST_TIMEOUT_MS = 10_000;

/**
 * Grades one exercise: first the cheap checks that give the clearest messages (is every file there, is
 * every expected name exported), then the tests, in a process that is killed at the exercise's time limit.
 */
export async function gradeExercise(exercise: Exercise, options: GradeOptions): Promise<ExerciseResult> {
  const problem = checkFilesAndExports(exercise, options.target);
  if (problem) return problem;
  const outcome = await options.tests.run(exercise.testFile, exercise.timeoutSeconds * 1000, options.onMessage);
  return judge(exercise, outcome);
}

/**
 * The test process for grading `target`: one vitest instance, reused for every exercise. With a short
 * exercise limit (`--timeout`), a single test gets half of it, so a stuck promise is still named as such.
 */
export function testProcessFor(target: string, exerciseLimitSeconds?: number): TestProcess {
  const testTimeoutMs = Math.min(TEST_TIMEOUT_MS, ((exerciseLimitSeconds ?? Number.POSITIVE_INFINITY) * 1000) / 2);
  return new TestProcess({ configFile: join(exercisesDir, "vitest.config.ts"), target, testTimeoutMs });
}

function checkFilesAndExports(exercise: Exercise, target: string): ExerciseResult | undefined {
  for (const file of exercise.codeFiles) {
    const targetFile = join(target, exercise.id, file);
    const shown = relative(repoRoot, targetFile);
    if (!existsSync(targetFile)) {
      return failedBeforeRunning(
        exercise,
        `${shown} is missing: this exercise needs it. Restore the starter with \`pnpm grade --reset ${exercise.number}\`.`,
      );
    }
    const shape = readModuleShape(targetFile);
    if (shape.syntaxError) {
      const { message, location } = shape.syntaxError;
      return failedBeforeRunning(
        exercise,
        `syntax error in ${shown}:${location.line}:${location.column}: ${message}. Fix it and grade again.`,
        location,
      );
    }
    const expected = readModuleShape(join(exercise.dir, file)).names;
    const found = new Set(shape.names);
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
