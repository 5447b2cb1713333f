import { join } from "node:path";
import pc from "picocolors";
import { StaticAnalysis } from "./analysis/static-analysis.ts";
import type { Exercise } from "./curriculum.ts";
import { filesToAnalyze, gradeExercise, testProcessFor } from "./grade-exercise.ts";
import { applyTestManifest, type Manifest } from "./manifest.ts";
import { exercisesDir } from "./paths.ts";
import { LiveStatus } from "./report/live-status.ts";
import { formatDetails, formatRow, formatSummary } from "./report/terminal.ts";
import { type ExerciseResult, type GradeReport, summarize } from "./result.ts";

export interface GradeRunOptions {
  curriculum: Exercise[];
  exercises: Exercise[];
  target: string;
  /** How the report names the target: `exercises`, `solutions`, or a path. */
  targetLabel: string;
  manifest: Manifest;
  /** Fail (not only warn) an exercise whose test file differs from the manifest. */
  ci: boolean;
  /** Print nothing while grading (for `--json` and other machine reports). */
  quiet: boolean;
  /** Details under every failure, not only under the next exercise to do. */
  verbose: boolean;
  /** Overrides every exercise's wall-clock limit, in seconds. */
  timeoutSeconds?: number;
}

/**
 * Grades exercises in order and prints each row as it finishes, with a live line for the one running. Under
 * the table it explains the first failure in full (the exercise to do next), since ten failures at once
 * teach nothing; `verbose` explains them all.
 */
export async function gradeRun(options: GradeRunOptions): Promise<GradeReport> {
  const { exercises, target, manifest, quiet } = options;
  const live = new LiveStatus();
  // Static analysis of every file about to be graded runs in another process while the tests run. It starts
  // first: type checking is the longest part of grading one exercise.
  const staticAnalysis = new StaticAnalysis(join(exercisesDir, "tsconfig.json"));
  const { files, shapeOnly } = filesToAnalyze(exercises, target);
  const analysis = staticAnalysis.analyze(files, shapeOnly);
  const tests = testProcessFor(target, options.timeoutSeconds);
  void tests.start();
  const results: ExerciseResult[] = [];
  const print = (text: string) => {
    if (quiet) return;
    live.clear();
    process.stdout.write(`${text}\n`);
  };
  try {
    for (const [index, exercise] of exercises.entries()) {
      let passedTests = 0;
      const label = `grading ${exercise.id} (${index + 1}/${exercises.length})`;
      if (!quiet) live.show(label);
      const limited = options.timeoutSeconds ? { ...exercise, timeoutSeconds: options.timeoutSeconds } : exercise;
      const result = await gradeExercise(limited, {
        target,
        tests,
        analysis,
        onMessage: (message) => {
          if (message.type === "test" && message.status === "passed" && !quiet) {
            live.show(`${label}: ${++passedTests} tests passed`);
          }
        },
      });
      applyTestManifest(result, exercise, manifest, options.ci);
      results.push(result);
      print(formatRow(result, false));
    }
  } finally {
    tests.close();
    staticAnalysis.close();
    live.stop();
  }
  const report = summarize(options.targetLabel, results);
  if (!quiet) printDetails(report, options);
  return report;
}

function printDetails(report: GradeReport, options: GradeRunOptions): void {
  const unfinished = report.exercises.filter((r) => r.status !== "passed" || r.warnings.length > 0);
  const explained = options.verbose ? unfinished : unfinished.slice(0, 1);
  for (const result of explained) {
    const exercise = options.curriculum.find((e) => e.id === result.id);
    if (!exercise) continue;
    process.stdout.write(`\n${pc.bold(`${result.id} · ${result.title}`)}\n${formatDetails(result, exercise)}\n`);
  }
  process.stdout.write(`\n${formatSummary(report, options.curriculum)}\n`);
}
