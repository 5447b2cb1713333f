import type { ExerciseResult, GradeReport, TestResult } from "../result.ts";
import { plainText } from "../text/plain-text.ts";
import {
  busyMachineNote,
  formatLocation,
  formatSeconds,
  inconclusiveNote as inconclusiveWording,
  reasonLabel,
  STATUS_MARK,
  speedupSentence,
  TEST_MARK,
  unprotectedNote,
} from "./wording.ts";

/** Enough of a learner's output to see what went wrong, on a web page. */
const OUTPUT_LINES = 40;

/**
 * The grade report as Markdown, for the pages that render it: GitHub's run page (the Classroom workflow writes it
 * to `$GITHUB_STEP_SUMMARY`) and Gradescope (`output_format: "md"`). A run of one exercise is that exercise's
 * section alone (the Classroom workflow grades one per step, and its summary puts the sections one after the
 * other); a longer run starts with the score and a table.
 *
 * Everything a learner's code can reach (its output, the values in a failed expectation, file names) is text:
 * control characters go (plain-text.ts), Markdown's punctuation is escaped outside code, and a code block's
 * fence is longer than any run of backticks inside it, so that nothing printed can close it or become markup.
 */
export function toMarkdown(report: GradeReport): string {
  const sections = report.exercises.map((result) => `### ${exerciseHeading(result)}\n\n${exerciseMarkdown(result)}`);
  const unprotected = unprotectedNote(report.run);
  const warning = unprotected ? [`> **${text(unprotected)}**\n`] : [];
  if (report.exercises.length === 1) return [...warning, ...sections].join("\n");
  return [
    ...warning,
    `## ${flat(scoreLine(report))}\n`,
    ...inconclusiveNote(report).map((note) => `${note}\n`),
    `${scoreTable(report)}\n`,
    ...sections,
  ].join("\n");
}

/** `3/10 exercises passed: 35/95 points.` */
export function scoreLine(report: GradeReport): string {
  const { passed, total, score, maxScore } = report.summary;
  return `${passed}/${total} exercises passed: ${score}/${maxScore} points.`;
}

/** The one thing to tell a class about inconclusive speedups: it says nothing about their code. */
export function inconclusiveNote(report: GradeReport): string[] {
  const retry = report.exercises.filter((e) => e.status === "inconclusive").map((e) => e.id);
  return retry.length === 0 ? [] : [text(inconclusiveWording(retry, report.run.inconclusivePolicy))];
}

/** `✗ 03-fibonacci: Fibonacci: state in a generator (0/5)`, escaped for a heading. */
export function exerciseHeading(result: ExerciseResult): string {
  return flat(`${STATUS_MARK[result.status]} ${result.id}: ${result.title} (${result.points}/${result.maxPoints})`);
}

/** What to do about one exercise: verdict, problem, where, diff, speedup, tests, warnings, output, next step. */
export function exerciseMarkdown(result: ExerciseResult): string {
  const reason = reasonLabel(result.reason, result.speedup);
  // The reason where it says more than the status does: `failed, test failed`, but `timed-out` alone.
  const verdict = [result.status, ...(reason === result.status.replace("-", " ") ? [] : [reason])].join(", ");
  const blocks = [
    `**${text(verdict)}** · ${result.points}/${result.maxPoints} points · ${formatSeconds(result.durationMs)}`,
  ];
  if (result.message) blocks.push(paragraph(result.message));
  if (result.location) blocks.push(`at ${code(formatLocation(result.location))}`);
  if (result.diff) blocks.push(fenced(result.diff, "diff"));
  if (result.speedup) {
    blocks.push(paragraph(speedupSentence(result.speedup)));
    if (result.speedup.ratios.length > 0) {
      blocks.push(`one task / split, pair by pair: ${result.speedup.ratios.map((r) => `${r.toFixed(2)}x`).join(" ")}`);
    }
    // Markdown is shown on a platform's page (GitHub's run, Gradescope): the machine was the grading one.
    const busy = busyMachineNote(result.speedup, "grading");
    if (busy) blocks.push(paragraph(busy));
  }
  if (result.review) blocks.push(paragraph(`For review: ${result.review}`));
  blocks.push(...testsBlock(result.tests));
  if (result.warnings.length > 0) {
    blocks.push(`**Warnings**\n\n${result.warnings.map((warning) => `- ${flat(warning)}`).join("\n")}`);
  }
  if (result.output.trim()) blocks.push(`**Your code printed**\n\n${fenced(outputLines(result.output), "text")}`);
  if (result.status !== "passed") {
    blocks.push(
      `next: run ${code(`pnpm grade ${result.number}`)} in your copy of the workshop; ` +
        `${code(`pnpm grade hint ${result.number}`)} helps`,
    );
  }
  return `${blocks.join("\n\n")}\n`;
}

/** A hidden test's own entry (Gradescope shows it to whom the instructor chose): its message and diff. */
export function hiddenTestMarkdown(test: TestResult): string {
  const parts = [test.message ? fenced(test.message, "text") : text(test.status)];
  if (test.diff) parts.push(fenced(test.diff, "diff"));
  return `${parts.join("\n\n")}\n`;
}

function scoreTable(report: GradeReport): string {
  const rows = report.exercises.map((result) =>
    [
      String(result.number),
      `${result.id}: ${result.title}`,
      `${STATUS_MARK[result.status]} ${result.status}`,
      `${result.points}/${result.maxPoints}`,
      formatSeconds(result.durationMs),
    ]
      .map(flat)
      .join(" | "),
  );
  return [
    "| # | exercise | status | points | time |",
    "| --: | --- | --- | --: | --: |",
    ...rows.map((r) => `| ${r} |`),
  ].join("\n");
}

function testsBlock(tests: TestResult[]): string[] {
  const shown = tests.filter((test) => !test.hidden);
  const blocks: string[] = [];
  if (shown.length > 0) {
    const passed = shown.filter((test) => test.status === "passed").length;
    const lines = shown.map((test) => {
      const why = test.status === "failed" && test.message ? `: ${test.message.split("\n")[0]}` : "";
      return `- ${TEST_MARK[test.status]} ${flat(`${test.name}${why}`)}`;
    });
    blocks.push(`**Tests: ${passed} of ${shown.length} passed**\n\n${lines.join("\n")}`);
  }
  const hidden = tests.filter((test) => test.hidden);
  if (hidden.length > 0) {
    const passed = hidden.filter((test) => test.status === "passed").length;
    blocks.push(text(`hidden tests: ${passed} of ${hidden.length} passed (their code and inputs stay hidden)`));
  }
  return blocks;
}

function outputLines(output: string): string {
  const lines = output.trimEnd().split("\n");
  const more = lines.length > OUTPUT_LINES ? [`… ${lines.length - OUTPUT_LINES} more lines`] : [];
  return [...lines.slice(0, OUTPUT_LINES), ...more].join("\n");
}

/**
 * Text that Markdown shows as it is, in a paragraph: `inline` escaping, and the characters that start markup
 * only at the start of a line (lists, headings, rules) escaped there.
 */
export function text(raw: string): string {
  return inline(raw).replace(/^(\s*)([-+=]|\d+(?=[.)]))/gm, (_, space: string, start: string) =>
    /\d/.test(start) ? `${space}${start}\\` : `${space}\\${start}`,
  );
}

/**
 * Text that Markdown shows as it is, inside a line (a heading, a list item, a table cell): every character that
 * could start markup there (emphasis, links, images, code, tables, strikethrough, mentions, GitHub's math) is
 * escaped, and so are the `:` of `https://` and the `.` of `www.`, which GitHub would turn into links. `&`, `<`
 * and `>` become character references, which every Markdown renderer and HTML itself read as the character: no
 * HTML can get through.
 */
function inline(raw: string): string {
  return plainText(raw)
    .replace(/[\\`*_{}[\]()#!|~@$]/g, "\\$&")
    .replace(/([a-z])(:\/\/)/gi, "$1\\$2")
    .replace(/\b(www)\./gi, "$1\\.")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;");
}

/** Escaped text on one line: for a table cell or a list item. */
function flat(raw: string): string {
  return inline(raw.replace(/\s*\n\s*/g, " "));
}

/**
 * Several lines of escaped text, each kept a line of its own (a hard break), their leading spaces kept as
 * non-breaking ones: four spaces at the start of a line would otherwise turn it into a code block.
 */
function paragraph(raw: string): string {
  return text(raw.trimEnd())
    .split("\n")
    .map((line) => line.replace(/^ +/, (spaces) => "\u00a0".repeat(spaces.length)))
    .join("  \n");
}

/** A code span that holds `raw` whatever backticks it contains. */
function code(raw: string): string {
  const content = plainText(raw).replace(/\n/g, " ");
  const longest = Math.max(0, ...[...content.matchAll(/`+/g)].map((m) => m[0].length));
  const ticks = "`".repeat(longest + 1);
  const pad = content.startsWith("`") || content.endsWith("`") ? " " : "";
  return `${ticks}${pad}${content}${pad}${ticks}`;
}

/** A fenced code block that nothing inside it can close: its fence is longer than any run of backticks in it. */
function fenced(raw: string, info: string): string {
  const content = plainText(raw).replace(/\n+$/, "");
  const longest = Math.max(0, ...[...content.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = "`".repeat(Math.max(3, longest + 1));
  return `${fence}${info}\n${content}\n${fence}`;
}
