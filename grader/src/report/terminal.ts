import pc from "picocolors";
import type { Exercise } from "../curriculum.ts";
import type { ExerciseResult, GradeReport } from "../result.ts";
import { formatLocation, formatSeconds, formatStatus, indentBlock } from "./format.ts";

const OUTPUT_LINES = 12;

/** One table row: number and id, status, time, and the first words of the problem. */
export function formatRow(result: ExerciseResult, detailed: boolean): string {
  const row = `${result.id.padEnd(24)} ${formatStatus(result.status).padEnd(24)} ${formatSeconds(result.durationMs).padStart(7)}`;
  if (result.status === "passed" || detailed) return row;
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
  if (!nextExercise) return `${pc.green(pc.bold(`${progress} - all passed!`))} ${points}`;
  return `${pc.bold(progress)} ${points} - next: ${pc.bold(nextExercise.id)}  ${pc.dim(`(pnpm grade ${nextExercise.number})`)}`;
}
