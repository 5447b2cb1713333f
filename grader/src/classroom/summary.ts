import pc from "picocolors";
import { STATUS_COLOUR, STATUS_MARK } from "../report/wording.ts";
import type { Cell, ClassReport, LearnerRow } from "./class-report.ts";

type Style = "green" | "red" | "yellow" | "magenta" | "dim";
const NOT_GRADED = "·";
export const LEGEND =
  "✓ passed  ✗ failed  ◷ timed out  ! crashed  ? inconclusive (grade again)  ⚠ tampered  ‼ could not grade  " +
  "· not graded; the number is the points, then the measured speedup";

/**
 * The class summary for a terminal: the learner x exercise table (mark, points and speedup per cell, the
 * total, lateness, passes per exercise), then what each learner needs (the reason of every cell not passed,
 * with where the result came from), what to regrade, and what could not be graded.
 */
export function formatClassSummary(report: ClassReport, colour = pc.isColorSupported): string {
  const c = pc.createColors(colour);
  const sections = [formatClassTable(report, colour), c.dim(LEGEND), formatNeeds(report)];
  if (report.toRegrade.length > 0) {
    const list = report.toRegrade.map(({ learner, exercise }) => `  ${learner} ${exercise}`).join("\n");
    sections.push(
      `${c.yellow("to regrade")} (inconclusive: the machine was too busy to time the speedup; nothing is wrong ` +
        `with the code):\n${list}\n  pnpm instructor batch <submissions> --out <results> --inconclusive-only`,
    );
  }
  if (report.notGraded.length > 0) {
    sections.push(`${c.red("not graded")}:\n${report.notGraded.map((entry) => `  ${entry.problem}`).join("\n")}`);
  }
  return `${sections.join("\n\n")}\n`;
}

/** The learner x exercise table alone. */
export function formatClassTable(report: ClassReport, colour = pc.isColorSupported): string {
  const c = pc.createColors(colour);
  const late = report.due !== undefined;
  const header = ["learner", ...report.exercises.map((e) => e.id.slice(0, 2)), "total", ...(late ? ["due"] : [])];
  const rows = report.learners.map((row) => [
    { text: row.learner },
    ...row.cells.map(cellText),
    { text: `${row.score}/${row.maxScore}` },
    ...(late ? [timelinessText(row)] : []),
  ]);
  const passed = report.exercises.map((e) => ({ text: `${e.passed}/${report.learners.length}` }));
  const footer = [{ text: "passed" }, ...passed, { text: "" }, ...(late ? [{ text: "" }] : [])];
  const table = [header.map((text) => ({ text })), ...rows, footer];
  // Widths count code points, so that marks such as ◷ count as one column.
  const widths = header.map((_, i) => Math.max(...table.map((row) => [...(row[i]?.text ?? "")].length)));
  const render = (row: Styled[]) =>
    row
      .map((entry, i) => {
        const room = " ".repeat(Math.max(0, (widths[i] ?? 0) - [...entry.text].length));
        const text = entry.style ? c[entry.style](entry.text) : entry.text;
        return i === 0 || (late && i === row.length - 1) ? text + room : room + text;
      })
      .join("  ")
      .trimEnd();
  const rule = widths.map((w) => "─".repeat(w)).join("  ");
  return [render(table[0] ?? []), rule, ...table.slice(1, -1).map(render), rule, render(footer)].join("\n");
}

interface Styled {
  text: string;
  style?: Style;
}

function cellText(cell: Cell): Styled {
  if (!cell.graded || !cell.status) return { text: NOT_GRADED, style: "dim" };
  const speedup = cell.measured === undefined ? "" : ` ${cell.measured.toFixed(2)}x`;
  return { text: `${STATUS_MARK[cell.status]} ${cell.points}${speedup}`, style: STATUS_COLOUR[cell.status] };
}

function timelinessText(row: LearnerRow): Styled {
  const timeliness = row.timeliness;
  if (!timeliness || timeliness.status === "unknown") return { text: "time unknown", style: "dim" };
  if (timeliness.status === "on-time") return { text: "on time" };
  return { text: `late ${timeliness.by}`, style: "red" };
}

/** Per learner: the total, where the result came from, and each exercise not passed with its reason. */
function formatNeeds(report: ClassReport): string {
  return report.learners
    .map((row) => {
      const head = `${row.learner}: ${row.score}/${row.maxScore}${originText(row)}`;
      const open = row.cells.filter((cell) => cell.status !== "passed");
      // Files not handed in at all are one line, not one per exercise: a partial submission is common.
      const missing = open.filter((cell) => cell.reason === "missing-file" || !cell.graded);
      const needs = open
        .filter((cell) => !missing.includes(cell))
        .map((cell) => `  ${cell.exercise} ${cell.label}${cell.status === "inconclusive" ? " (grade again)" : ""}`);
      if (missing.length > 0)
        needs.push(`  not handed in: ${missing.map((cell) => cell.exercise.slice(0, 2)).join(" ")}`);
      return [head, ...(needs.length > 0 ? needs : ["  every exercise passed"])].join("\n");
    })
    .join("\n");
}

function originText(row: LearnerRow): string {
  const parts: string[] = [];
  const { provenance, submission, timeliness } = row;
  if (provenance) {
    const commit = provenance.workshopCommit ? ` ${provenance.workshopCommit.slice(0, 7)}` : "";
    parts.push(
      `graded ${provenance.gradedAt.slice(0, 16).replace("T", " ")} UTC (${provenance.mode}, grader ` +
        `${provenance.grader}${commit}, ${provenance.cores} cores, load ${provenance.load.start}→${provenance.load.end})`,
    );
  }
  if (row.gradings > 1) parts.push(`${row.gradings} gradings`);
  if (submission) {
    const commit = submission.commit ? ` at ${submission.commit.slice(0, 7)}` : "";
    parts.push(`${submission.layout}${submission.zip ? " zip" : ""}${commit}`);
  }
  if (timeliness?.submittedAt) {
    const late = timeliness.status === "late" ? `, late by ${timeliness.by}` : ", on time";
    parts.push(`submitted ${timeliness.submittedAt} (${timeliness.source})${late}`);
  } else if (timeliness) parts.push("submission time unknown");
  return parts.length > 0 ? ` · ${parts.join(" · ")}` : "";
}

/**
 * The table as CSV (RFC 4180) for a spreadsheet: one row per learner; the total, the submission's time and
 * lateness, the gradings; per exercise its status, reason, points and, where measured, the speedup.
 */
export function formatClassCsv(report: ClassReport): string {
  const header = ["learner", "score", "maxScore", "submittedAt", "submittedAtSource", "late", "gradings"];
  for (const column of report.exercises) {
    header.push(`${column.id} status`, `${column.id} reason`, `${column.id} points`);
    if (column.speedup) header.push(`${column.id} speedup`);
  }
  const rows = report.learners.map((row) => {
    const timeliness = row.timeliness;
    const fields: (string | number)[] = [
      spreadsheetSafe(row.learner),
      row.score,
      row.maxScore,
      timeliness?.submittedAt ?? row.submission?.submittedAt ?? "",
      timeliness?.source ?? row.submission?.submittedAtSource ?? "",
      timeliness ? (timeliness.status === "late" ? (timeliness.by ?? "") : timeliness.status) : "",
      row.gradings,
    ];
    for (const [index, column] of report.exercises.entries()) {
      const cell = row.cells[index] as Cell;
      fields.push(cell.status ?? "not graded", cell.graded ? cell.label : "", cell.graded ? cell.points : "");
      if (column.speedup) fields.push(cell.measured ?? "");
    }
    return fields;
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
