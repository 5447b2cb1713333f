import pc from "picocolors";
import { STATUS_COLOUR, STATUS_MARK } from "../report/wording.ts";
import type { Cell, ClassReport, LearnerRow } from "./class-report.ts";
import { formatTime } from "./course-time.ts";
import { handedInNotes } from "./handed-in.ts";
import { matchSummary } from "./similarity/match-summary.ts";
import { visibleText } from "./visible-text.ts";

type Style = "green" | "red" | "yellow" | "magenta" | "dim";
const NOT_GRADED = "·";
export const LEGEND =
  "✓ passed  ✗ failed  ◷ timed out  ! crashed  ? inconclusive (grade again)  ⚠ tampered  ‼ could not grade  " +
  "· not graded; the number is the points, then the measured speedup";

/**
 * The class summary for a terminal: the learner x exercise table (mark, points and speedup per cell, the
 * total out of what each learner was graded on, lateness, passes per exercise) and the exercises' titles, then
 * what each learner needs (what each verdict means, where the result came from, what was handed in and not
 * graded), whose code is alike, what to regrade, and what could not be graded. Every name and every text that
 * came from a submission or a result file is shown through visibleText: nothing in it can move the cursor.
 */
export function formatClassSummary(report: ClassReport, colour = pc.isColorSupported): string {
  const c = pc.createColors(colour);
  const sections = [formatClassTable(report, colour), titles(report), c.dim(LEGEND), formatNeeds(report)];
  if (report.similarity) sections.push(similaritySection(report));
  if (report.toRegrade.length > 0) {
    const list = report.toRegrade.map(({ learner, exercise }) => `  ${visibleText(learner)} ${exercise}`).join("\n");
    sections.push(
      `${c.yellow("to regrade")} (inconclusive: the machine was too busy to time the speedup; nothing is wrong ` +
        `with the code):\n${list}\n  pnpm instructor batch <submissions> --out <results> --inconclusive-only`,
    );
  }
  const notGraded = [...report.notGraded.map((entry) => entry.problem), ...report.problems];
  if (notGraded.length > 0) {
    sections.push(`${c.red("not graded")}:\n${notGraded.map((problem) => `  ${visibleText(problem)}`).join("\n")}`);
  }
  return `${sections.join("\n\n")}\n`;
}

/** The learner x exercise table alone. */
export function formatClassTable(report: ClassReport, colour = pc.isColorSupported): string {
  const c = pc.createColors(colour);
  const late = report.due !== undefined;
  const header = ["learner", ...report.exercises.map((e) => e.id.slice(0, 2)), "total", ...(late ? ["due"] : [])];
  const rows = report.learners.map((row) => [
    { text: visibleText(row.learner) },
    ...row.cells.map(cellText),
    { text: `${row.score}/${row.maxScore}` },
    ...(late ? [timelinessText(row)] : []),
  ]);
  const passed = report.exercises.map((e) => ({
    text: `${e.passed + e.inconclusive}/${e.graded}${e.inconclusive > 0 ? ` (${e.inconclusive}?)` : ""}`,
  }));
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

/** What the numbers above the columns stand for, and how the totals and pass rates are counted. */
function titles(report: ClassReport): string {
  const lines = report.exercises.map((e) => `${e.id.slice(0, 2)}  ${visibleText(e.title)} (${e.maxPoints} points)`);
  const due = report.due ? `due ${formatTime(report.due, report.timeZone)}; ` : "";
  return [
    ...lines,
    `${due}each total is out of the exercises that learner's result graded; "passed" counts inconclusive speedups (?), which passed their tests`,
  ].join("\n");
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

/** Per learner: the total, where the result came from, each exercise not passed and what it means. */
function formatNeeds(report: ClassReport): string {
  return report.learners
    .map((row) => {
      const head = `${visibleText(row.learner)}: ${row.score}/${row.maxScore}${originText(row, report.timeZone)}`;
      const open = row.cells.filter((cell) => cell.graded && cell.status !== "passed");
      // Files not handed in at all are one line, not one per exercise: a partial submission is common.
      const missing = open.filter((cell) => cell.reason === "missing-file");
      const needs = row.feedback
        .filter((item) => !missing.some((cell) => cell.exercise === item.exercise))
        .map((item) => `  ${item.exercise} ${item.label}: ${visibleText(item.instructor)}`);
      if (missing.length > 0)
        needs.push(`  not handed in: ${missing.map((cell) => cell.exercise.slice(0, 2)).join(" ")}`);
      const notGraded = row.cells.filter((cell) => !cell.graded).map((cell) => cell.exercise.slice(0, 2));
      if (notGraded.length > 0) needs.push(`  not graded (not asked of this result): ${notGraded.join(" ")}`);
      needs.push(...handedInNotes(row.submission).map((note) => `  ${visibleText(note)}`));
      return [head, ...(needs.length > 0 ? needs : ["  every exercise passed"])].join("\n");
    })
    .join("\n");
}

function originText(row: LearnerRow, timeZone: string): string {
  const parts: string[] = [];
  const { provenance, submission, timeliness } = row;
  if (provenance) {
    const commit = provenance.workshopCommit ? ` ${provenance.workshopCommit.slice(0, 7)}` : "";
    parts.push(
      `graded ${formatTime(provenance.gradedAt, timeZone)} (${provenance.mode}, grader ` +
        `${visibleText(provenance.grader)}${commit}, ${cores(provenance.cores)}, load ${provenance.load.start}→${provenance.load.end})`,
    );
  }
  if (row.gradings > 1) parts.push(`${row.gradings} gradings`);
  if (submission) {
    const commit = submission.commit ? ` at ${visibleText(submission.commit.slice(0, 7))}` : "";
    const later = submission.laterCommits ? ` (${submission.laterCommits} later commits not graded)` : "";
    parts.push(`${submission.layout}${submission.zip ? " zip" : ""}${commit}${later}`);
  }
  if (timeliness?.submittedAt) {
    const late = timeliness.status === "late" ? `, late by ${timeliness.by}` : ", on time";
    parts.push(`submitted ${formatTime(timeliness.submittedAt, timeZone)} (${timeliness.source})${late}`);
  } else if (timeliness) parts.push("submission time unknown");
  return parts.length > 0 ? ` · ${parts.join(" · ")}` : "";
}

function similaritySection(report: ClassReport): string {
  const similarity = report.similarity;
  if (!similarity) return "";
  const head = `similar code (${Math.round(similarity.threshold * 100)}% alike or more, by Dolos's Winnowing):`;
  const lines = similarity.matches.map((match) => `  ${visibleText(matchSummary(match))}`);
  const notes = similarity.notes.map((note) => `  (${note})`);
  return [head, ...(lines.length > 0 ? lines : ["  none"]), ...notes].join("\n");
}

function cores(count: number): string {
  return `${count} core${count === 1 ? "" : "s"}`;
}
