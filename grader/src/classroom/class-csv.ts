import { stringify } from "csv-stringify/sync";
import type { Cell, ClassReport } from "./class-report.ts";
import { handedInNotes } from "./handed-in.ts";
import { matchSummary } from "./similarity/match-summary.ts";

/**
 * The table as CSV (RFC 4180, by csv-stringify) for a spreadsheet: one row per learner; the total out of what
 * their result graded, the submission's time and lateness, the gradings, the code alike to another's (with the
 * score and the matching lines) and what was handed in but not graded; per exercise its status, reason, points
 * and, where measured, the speedup. Every cell is neutralised (`escape_formulas`): a name, a file name or a
 * status that starts like a formula (`=HYPERLINK(...)`) is shown as text by every spreadsheet, never run.
 */
export function formatClassCsv(report: ClassReport): string {
  const header = [
    "learner",
    "score",
    "maxScore",
    "submittedAt",
    "submittedAtSource",
    "late",
    "gradings",
    "similar code",
    "handed in, not graded",
  ];
  for (const column of report.exercises) {
    header.push(`${column.id} status`, `${column.id} reason`, `${column.id} points`);
    if (column.speedup) header.push(`${column.id} speedup`);
  }
  const rows = report.learners.map((row) => {
    const timeliness = row.timeliness;
    const similar = (report.similarity?.matches ?? []).filter(
      (match) => match.left === row.learner || match.right === row.learner,
    );
    const fields: (string | number)[] = [
      row.learner,
      row.score,
      row.maxScore,
      timeliness?.submittedAt ?? row.submission?.submittedAt ?? "",
      timeliness?.source ?? row.submission?.submittedAtSource ?? "",
      timeliness ? (timeliness.status === "late" ? (timeliness.by ?? "") : timeliness.status) : "",
      row.gradings,
      similar.map(matchSummary).join("; "),
      handedInNotes(row.submission).join("; "),
    ];
    for (const [index, column] of report.exercises.entries()) {
      const cell = row.cells[index] as Cell;
      fields.push(cell.status ?? "not graded", cell.graded ? cell.label : "", cell.graded ? cell.points : "");
      if (column.speedup) fields.push(cell.measured ?? "");
    }
    return fields;
  });
  return stringify([header, ...rows], { escape_formulas: true, record_delimiter: "windows" });
}
