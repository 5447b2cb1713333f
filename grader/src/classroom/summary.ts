import pc from "picocolors";
import type { Exercise } from "../curriculum/load-curriculum.ts";
import { STATUS_MARK } from "../report/wording.ts";
import type { ExerciseResult, ExerciseStatus } from "../result.ts";
import type { LearnerResult } from "./class-results.ts";

/** A column of the class table: one exercise, known from the curriculum or only from the results. */
interface Column {
  id: string;
  maxPoints: number;
  speedup: boolean;
}

type Style = "green" | "red" | "yellow" | "dim";
const STYLE: Record<ExerciseStatus, Style> = {
  passed: "green",
  failed: "red",
  "timed-out": "red",
  crashed: "red",
  inconclusive: "yellow",
  tampered: "red",
  error: "yellow",
};
const NOT_GRADED = "·";
export const LEGEND =
  "✓ passed  ✗ failed  ⏱ timed out  ! error  ? inconclusive (grade again)  - skipped  · not graded; " +
  "the number is the points, then the measured speedup";

/** The curriculum's exercises in order, then any exercise the results name that the curriculum does not. */
export function classColumns(curriculum: Exercise[], results: LearnerResult[]): Column[] {
  const columns: Column[] = curriculum.map((e) => ({
    id: e.id,
    maxPoints: e.points,
    speedup: e.contract.speedup !== undefined,
  }));
  for (const { report } of results) {
    for (const result of report.exercises) {
      const known = columns.find((c) => c.id === result.id);
      if (known) known.speedup ||= result.speedup !== undefined;
      else columns.push({ id: result.id, maxPoints: result.maxPoints, speedup: result.speedup !== undefined });
    }
  }
  return columns;
}

/** The learner x exercise table: status mark, points and speedup per cell; a total; passes per exercise. */
export function formatClassTable(columns: Column[], results: LearnerResult[], colour = pc.isColorSupported): string {
  const c = pc.createColors(colour);
  const maxScore = columns.reduce((sum, c) => sum + c.maxPoints, 0);
  const header = ["learner", ...columns.map((c) => c.id.slice(0, 2)), "total"];
  const rows = results.map(({ learner, report }) => {
    const cells = columns.map((column) => cell(report.exercises.find((e) => e.id === column.id)));
    const score = report.exercises.reduce((sum, e) => sum + e.points, 0);
    return [{ text: learner }, ...cells, { text: `${score}/${maxScore}` }];
  });
  const passed = columns.map((column) => {
    const count = results.filter(({ report }) => statusOf(report.exercises, column.id) === "passed").length;
    return { text: `${count}/${results.length}` };
  });
  const footer = [{ text: "passed" }, ...passed, { text: "" }];
  const table = [header.map((text) => ({ text })), ...rows, footer];
  // Widths count code points, so that marks such as ⏱ count as one column.
  const widths = header.map((_, i) => Math.max(...table.map((row) => [...(row[i]?.text ?? "")].length)));
  const render = (row: Cell[]) =>
    row
      .map((entry, i) => {
        const room = " ".repeat(Math.max(0, (widths[i] ?? 0) - [...entry.text].length));
        const text = entry.style ? c[entry.style](entry.text) : entry.text;
        return i === 0 ? text + room : room + text;
      })
      .join("  ")
      .trimEnd();
  const rule = widths.map((w) => "─".repeat(w)).join("  ");
  const lines = [render(table[0] ?? []), rule, ...table.slice(1, -1).map(render), rule, render(footer)];
  return `${lines.join("\n")}\n\n${c.dim(LEGEND)}`;
}

interface Cell {
  text: string;
  style?: Style;
}

function cell(result: ExerciseResult | undefined): Cell {
  if (!result) return { text: NOT_GRADED, style: "dim" };
  const speedup = result.speedup?.measured === undefined ? "" : ` ${result.speedup.measured.toFixed(2)}x`;
  return { text: `${STATUS_MARK[result.status]} ${result.points}${speedup}`, style: STYLE[result.status] };
}

function statusOf(exercises: ExerciseResult[], id: string): ExerciseStatus | undefined {
  return exercises.find((e) => e.id === id)?.status;
}

/**
 * The same table as CSV (RFC 4180) for a spreadsheet: one row per learner; per exercise its status, points
 * and, for exercises whose speedup is measured, the speedup (empty when not measured).
 */
export function formatClassCsv(columns: Column[], results: LearnerResult[]): string {
  const header = ["learner", "score", "maxScore"];
  for (const column of columns) {
    header.push(`${column.id} status`, `${column.id} points`);
    if (column.speedup) header.push(`${column.id} speedup`);
  }
  const maxScore = columns.reduce((sum, c) => sum + c.maxPoints, 0);
  const rows = results.map(({ learner, report }) => {
    const row: (string | number)[] = [spreadsheetSafe(learner)];
    row.push(
      report.exercises.reduce((sum, e) => sum + e.points, 0),
      maxScore,
    );
    for (const column of columns) {
      const result = report.exercises.find((e) => e.id === column.id);
      row.push(result?.status ?? "not graded", result?.points ?? "");
      if (column.speedup) row.push(result?.speedup?.measured ?? "");
    }
    return row;
  });
  return `${[header, ...rows].map((row) => row.map(csvField).join(",")).join("\r\n")}\r\n`;
}

function csvField(value: string | number): string {
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A learner's name is a file name, which may start like a formula; a spreadsheet must show it, not run it. */
function spreadsheetSafe(name: string): string {
  return /^[=+\-@\t\r]/.test(name) ? `'${name}` : name;
}
