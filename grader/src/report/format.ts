import pc from "picocolors";
import { displayPath } from "../paths.ts";
import type { ExerciseStatus, SourceLocation } from "../result.ts";

const STATUS_STYLE: Record<ExerciseStatus, (text: string) => string> = {
  passed: pc.green,
  failed: pc.red,
  "timed-out": pc.red,
  error: pc.red,
  skipped: pc.yellow,
  inconclusive: pc.yellow,
};

/** One character per status, the same in every table the grader prints. */
export const STATUS_MARK: Record<ExerciseStatus, string> = {
  passed: "✓",
  failed: "✗",
  "timed-out": "⏱",
  error: "!",
  skipped: "-",
  inconclusive: "?",
};

export function formatStatus(status: ExerciseStatus): string {
  return STATUS_STYLE[status](`${STATUS_MARK[status]} ${status}`);
}

export function formatSeconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

/** A location as editors and terminals make clickable: path from the repository root, line and column. */
export function formatLocation(location: SourceLocation): string {
  return `${displayPath(location.file)}:${location.line}:${location.column}`;
}

/** Indents a block of text and keeps at most `maxLines` of it. */
export function indentBlock(text: string, prefix: string, maxLines: number): string {
  const lines = text.trimEnd().split("\n");
  const shown = lines.slice(0, maxLines).map((line) => `${prefix}${line}`);
  if (lines.length > maxLines) shown.push(pc.dim(`${prefix}… ${lines.length - maxLines} more lines`));
  return shown.join("\n");
}
