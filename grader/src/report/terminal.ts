import pc from "picocolors";
import type { Exercise } from "../curriculum.ts";
import type { ExerciseResult, GradeReport, SpeedupReport } from "../result.ts";
import { formatLocation, formatSeconds, formatStatus, indentBlock } from "./format.ts";

const OUTPUT_LINES = 12;

/** One table row: number and id, status, time, and the first words of the problem. */
export function formatRow(result: ExerciseResult, detailed: boolean): string {
  const row = `${result.id.padEnd(24)} ${formatStatus(result.status).padEnd(24)} ${formatSeconds(result.durationMs).padStart(7)}`;
  if (result.status === "passed")
    return result.speedup?.measured ? `${row}  ${pc.dim(speedupSummary(result.speedup))}` : row;
  if (detailed) return row;
  const firstLine = result.message.split("\n")[0] ?? "";
  return `${row}  ${pc.dim(firstLine.length > 70 ? `${firstLine.slice(0, 69)}…` : firstLine)}`;
}

/**
 * What to do about a result that did not pass: the problem in plain words, where to look, the learner's
 * own output, and how to get a hint.
 */
export function formatDetails(result: ExerciseResult, exercise: Exercise): string {
  const lines: string[] = [];
  if (result.message) lines.push(indentBlock(result.message, "    ", 8));
  if (result.location) lines.push(`    ${pc.cyan(`at ${formatLocation(result.location)}`)}`);
  if (result.speedup) lines.push(...formatSpeedup(result.speedup).map((line) => `    ${line}`));
  for (const warning of result.warnings) lines.push(`    ${pc.yellow(`warning: ${warning}`)}`);
  if (result.output.trim()) {
    lines.push(pc.dim("    your code printed:"));
    lines.push(indentBlock(result.output, pc.dim("    │ "), OUTPUT_LINES));
  }
  if (result.status !== "passed") {
    lines.push(
      `    ${pc.dim("next:")} read exercises/${exercise.id}/README.md, or get a hint: ${pc.bold(`pnpm grade --hint ${exercise.number}`)}`,
    );
  }
  return lines.join("\n");
}

/** The closing lines: score, and the one thing to do next. */
export function formatSummary(report: GradeReport, curriculum: Exercise[]): string {
  const { passed, total, score, maxScore } = report.summary;
  const next = report.exercises.find((e) => e.status !== "passed");
  const nextExercise = next && curriculum.find((e) => e.id === next.id);
  const progress = `${passed}/${total} done`;
  const points = pc.dim(`(${score}/${maxScore} points)`);
  // A one-core machine passes the parallel exercises without measuring them: the summary must not hide that.
  const unmeasured = report.exercises.filter((e) => e.speedup?.verdict === "skipped").map((e) => e.id.slice(0, 2));
  const caveat =
    unmeasured.length > 0 ? pc.yellow(` (speedup not measured for ${unmeasured.join(", ")}: needs 2+ cores)`) : "";
  if (!nextExercise) return `${pc.green(pc.bold(`${progress} - all passed!`))} ${points}${caveat}`;
  return `${pc.bold(progress)} ${points}${caveat} - next: ${pc.bold(nextExercise.id)}  ${pc.dim(`(pnpm grade ${nextExercise.number})`)}`;
}

/** `speedup 1.72x (needs 1.40x)`: what a passed row shows. */
function speedupSummary(speedup: SpeedupReport): string {
  return `speedup ${speedup.measured?.toFixed(2)}x (needs ${speedup.required.toFixed(2)}x)`;
}

/**
 * The speedup under an exercise's details, when it was measured: the measurement against what is required, how
 * well the cores were used, every pair, and the pool's overhead per task when the exercise measured it. A
 * problem found before any timing is in the message already, and a skipped check in the warnings.
 */
export function formatSpeedup(speedup: SpeedupReport): string[] {
  const lines: string[] = [];
  if (speedup.measured !== undefined) {
    const efficiency = speedup.efficiency === undefined ? "" : `, efficiency ${Math.round(speedup.efficiency * 100)}%`;
    const windows = speedup.windows > 1 ? ` (${speedup.windows} windows)` : "";
    lines.push(
      `${pc.dim("speedup:")} ${pc.bold(`${speedup.measured.toFixed(2)}x`)} measured, ${speedup.required.toFixed(2)}x ` +
        `required on ${speedup.cores} cores${efficiency}`,
      pc.dim(`  one task / split, pair by pair: ${speedup.ratios.map((r) => r.toFixed(2)).join(" ")}${windows}`),
    );
  }
  if (speedup.overheadPerTaskUs !== undefined) {
    lines.push(
      pc.dim(`  pool overhead per task, measured during your sweep: ${speedup.overheadPerTaskUs.toFixed(1)} µs`),
    );
  }
  return lines;
}
