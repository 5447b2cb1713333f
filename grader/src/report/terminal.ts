import pc from "picocolors";

type Colors = ReturnType<typeof pc.createColors>;

import type { Exercise } from "../curriculum/load-curriculum.ts";
import { type CoreCount, graderCoreCount } from "../machine.ts";
import type { GradeEvent } from "../pipeline/events.ts";
import type { ExerciseResult, GradeReport, SpeedupReport } from "../result.ts";
import { compactDiff } from "./compact-diff.ts";
import { LiveStatus } from "./live-status.ts";
import type { Reporter } from "./reporter.ts";
import {
  busyMachineNote,
  earnedItsPoints,
  formatLocation,
  formatSeconds,
  formatStatus,
  indentBlock,
  overheadSentence,
  STATUS_MARK,
  speedupFigures,
  speedupShort,
  unprotectedNote,
} from "./wording.ts";

const OUTPUT_LINES = 12;
const MESSAGE_LINES = 10;

export interface TerminalOptions {
  curriculum: Exercise[];
  out?: NodeJS.WritableStream & { columns?: number; isTTY?: boolean };
  colour?: boolean;
  /** `run`: a table, then the first failure explained and a summary. `watch`: each verdict explained at once. */
  flavour: "run" | "watch";
  /** Explain every failure under the table, not only the first. */
  verbose?: boolean;
  /** The cores this run's speedups were sized for, and why: the machine's own count (`graderCoreCount`) unless given. */
  cores?: CoreCount;
}

/**
 * The learner's report in the terminal: a live line for what is running (on a terminal only), a row per exercise
 * as it finishes, the first failure explained in full (ten explanations at once teach nothing; `verbose` gives
 * them all), and a summary with the one thing to do next.
 */
export class TerminalReporter implements Reporter {
  readonly #options: TerminalOptions;
  readonly #out: NonNullable<TerminalOptions["out"]>;
  readonly #c: Colors;
  readonly #live = new LiveStatus();
  #label = "";
  #passedTests = 0;

  constructor(options: TerminalOptions) {
    this.#options = options;
    this.#out = options.out ?? process.stdout;
    this.#c = pc.createColors(options.colour ?? pc.isColorSupported);
  }

  onEvent(event: GradeEvent): void {
    switch (event.type) {
      case "run-started":
        break;
      case "exercise-started":
        this.#passedTests = 0;
        this.#label = `grading ${event.id} (${event.index + 1}/${event.total})`;
        this.#live.show(this.#label);
        break;
      case "test-finished":
        if (event.test.status === "passed") this.#live.show(`${this.#label}: ${++this.#passedTests} tests passed`);
        break;
      case "analysis-finished":
        break;
      case "speedup-progress":
        this.#live.show(
          event.phase === "structure"
            ? `${this.#label}: checking how the split uses the pool`
            : `${this.#label}: timing the speedup, ${event.ratios.length} pairs so far` +
                (event.ratios.length ? ` (last ${event.ratios.at(-1)?.toFixed(2)}x)` : ""),
        );
        break;
      case "speedup-result":
        break;
      case "exercise-verdict":
        this.#print(formatRow(event.result, this.#options.flavour === "watch", this.#width(), this.#c));
        // As a run explains its results below the table: every one that is not a pass, and a pass with warnings
        // (a type error, a forgotten await the tests did not catch).
        if (this.#options.flavour === "watch" && needsExplaining(event.result)) {
          this.#print(this.details(event.result));
        }
        break;
      case "exercise-cancelled":
        this.#live.stop();
        break;
      case "run-finished":
        this.#live.stop();
        if (this.#options.flavour === "run") this.#finish(event.report, event.elapsedMs);
        break;
    }
  }

  /** What to do about a result: the problem, where, the diff, the speedup, warnings, output, and where to get help. */
  details(result: ExerciseResult): string {
    const c = this.#c;
    const lines: string[] = [];
    if (result.message) lines.push(indentBlock(result.message, "    ", MESSAGE_LINES, c));
    if (result.location) lines.push(`    ${c.cyan(`at ${formatLocation(result.location)}`)}`);
    if (result.diff) lines.push(indentBlock(colourDiff(compactDiff(result.diff), c), "    ", 20, c));
    if (result.speedup) {
      // A failed or unmeasured speedup's message gives its figures already: below it come only the pairs.
      const told = result.status !== "passed";
      const coresFrom = this.#coresFrom(result.speedup.cores);
      lines.push(...formatSpeedup(result.speedup, c, told, coresFrom).map((line) => `    ${line}`));
    }
    const hidden = result.tests.filter((test) => test.hidden);
    if (hidden.length > 0) {
      const passed = hidden.filter((test) => test.status === "passed").length;
      lines.push(
        `    ${c.dim(`hidden tests: ${passed} of ${hidden.length} passed (their code and inputs stay hidden)`)}`,
      );
    }
    if (result.review) lines.push(`    ${c.yellow(`for review: ${result.review}`)}`);
    for (const warning of result.warnings) lines.push(`    ${c.yellow(`warning: ${warning}`)}`);
    if (result.output.trim()) {
      lines.push(c.dim("    your code printed:"));
      lines.push(indentBlock(result.output, c.dim("    │ "), OUTPUT_LINES, c));
    }
    if (result.status === "inconclusive") {
      lines.push(`    ${c.dim("next:")} grade it again on a quieter machine: ${c.bold(`pnpm grade ${result.number}`)}`);
    } else if (result.status !== "passed") {
      lines.push(
        `    ${c.dim("next:")} read exercises/${result.id}/README.md, or get a hint: ${c.bold(`pnpm grade hint ${result.number}`)}`,
      );
    }
    return lines.join("\n");
  }

  #finish(report: GradeReport, elapsedMs: number): void {
    const c = this.#c;
    const unfinished = report.exercises.filter(needsExplaining);
    const explained = this.#options.verbose ? unfinished : unfinished.slice(0, 1);
    for (const result of explained) {
      this.#print(`\n${c.bold(`${result.id} · ${result.title}`)}\n${this.details(result)}`);
    }
    const told = new Set(explained.map((result) => result.id));
    const cores = report.exercises.find((r) => r.speedup)?.speedup?.cores;
    const coresFrom = cores === undefined ? undefined : this.#coresFrom(cores);
    this.#print(`\n${formatSummary(report, this.#options.curriculum, elapsedMs, c, told, coresFrom)}`);
  }

  /**
   * Where `cores` came from ("CPU quota 2 of 16"), when they are this machine's count: a reporter reports the run
   * in its own process, so the count it reads is the one the speedup check read.
   */
  #coresFrom(cores: number): string | undefined {
    try {
      const count = this.#options.cores ?? graderCoreCount();
      return count.cores === cores ? count.from : undefined;
    } catch {
      return undefined;
    }
  }

  #width(): number | undefined {
    return this.#out.isTTY ? this.#out.columns : undefined;
  }

  #print(text: string): void {
    this.#live.clear();
    this.#out.write(`${text}\n`);
  }
}

/** Whether a result is explained below its row: it did not pass, or it passed with warnings. */
function needsExplaining(result: ExerciseResult): boolean {
  return result.status !== "passed" || result.warnings.length > 0;
}

/** One table row: id, status, time, and the first line of the problem, fitted to the terminal's width. */
export function formatRow(result: ExerciseResult, detailed: boolean, width: number | undefined, c: Colors): string {
  const status = formatStatus(result.status, c);
  const padding = " ".repeat(Math.max(0, 16 - `${STATUS_MARK[result.status]} ${result.status}`.length));
  const row = `${result.id.padEnd(22)} ${status}${padding} ${formatSeconds(result.durationMs).padStart(7)}`;
  const plainLength = 22 + 1 + 16 + 1 + 7;
  const note =
    result.status === "passed"
      ? result.speedup?.measured !== undefined
        ? speedupShort(result.speedup)
        : ""
      : detailed
        ? ""
        : (result.message.split("\n")[0] ?? "");
  if (!note) return row;
  return `${row}  ${c.dim(fitToWidth(note, width === undefined ? undefined : width - plainLength - 2))}`;
}

/** Cuts text to `room` columns at a word boundary, marking the cut; all of it when the room is unknown. */
export function fitToWidth(text: string, room: number | undefined): string {
  if (room === undefined || text.length <= room) return text;
  if (room < 12) return "";
  const cut = text.slice(0, room - 1);
  const atWord = cut.lastIndexOf(" ");
  return `${atWord > room / 2 ? cut.slice(0, atWord) : cut}…`;
}

/**
 * The closing lines: score, time, what the summary saw of the speedups, and the one thing to do next. An exercise
 * is done when it earned its points: a pass, or a speedup a busy machine could not time that the course's policy
 * counts (its note says to grade it again). `told` are the results explained above, whose speedup is not said
 * again.
 */
export function formatSummary(
  report: GradeReport,
  curriculum: Exercise[],
  elapsedMs: number,
  c: Colors,
  told: Set<string> = new Set(),
  coresFrom?: string,
): string {
  const { total, score, maxScore } = report.summary;
  const done = report.exercises.filter(earnedItsPoints);
  const next = report.exercises.find((e) => !earnedItsPoints(e));
  const nextExercise = next && curriculum.find((e) => e.id === next.id);
  const progress = `${done.length}/${total} done`;
  const points = c.dim(`(${score}/${maxScore} points, graded in ${formatSeconds(elapsedMs)})`);
  const unprotected = unprotectedNote(report.run);
  const speedups = speedupNotes(
    report.exercises.filter((result) => !told.has(result.id)),
    coresFrom,
  );
  const notes = [...(unprotected ? [unprotected] : []), ...speedups].map((note) => `\n${c.yellow(note)}`).join("");
  if (!nextExercise) {
    const all = done.every((result) => result.status === "passed") ? "all passed!" : "all done";
    return `${c.green(c.bold(`${progress} - ${all}`))} ${points}${notes}`;
  }
  return `${c.bold(progress)} ${points} - next: ${c.bold(nextExercise.id)}  ${c.dim(`(pnpm grade ${nextExercise.number})`)}${notes}`;
}

/** What the summary says of the speedups: only what the results themselves show, each with its own cause. */
function speedupNotes(results: ExerciseResult[], coresFrom: string | undefined): string[] {
  const ids = (pick: (speedup: SpeedupReport) => boolean) =>
    results.filter((r) => r.speedup && pick(r.speedup)).map((r) => r.id.slice(0, 2));
  const notes: string[] = [];
  const structureOnly = ids((s) => s.verdict === "structure-only");
  const cores = results.find((r) => r.speedup?.verdict === "structure-only")?.speedup?.cores ?? 1;
  if (structureOnly.length > 0) {
    const why =
      cores < 2
        ? `the grader sees one core${coresFrom ? ` (${coresFrom})` : ""}`
        : `WORKSHOP_CORES=${cores} is more cores than this machine has`;
    notes.push(`speedup not timed for ${structureOnly.join(", ")}: ${why} (structure checked only)`);
  }
  const busy = ids((s) => s.verdict === "inconclusive");
  if (busy.length > 0)
    notes.push(`speedup could not be measured for ${busy.join(", ")}: the machine was busy, grade again`);
  // A pass is never explained below its row, so a busy machine's pass says so here: the READMEs' expected times
  // ("about half the time") assume an idle one.
  for (const result of results) {
    const note = result.status === "passed" && result.speedup ? busyMachineNote(result.speedup) : undefined;
    if (note) notes.push(`${result.id.slice(0, 2)}: ${note}`);
  }
  return notes;
}

/**
 * The speedup under an exercise's details, when it was timed: against what is required, every pair, overhead.
 * `told`: the message above gave the speedup and the machine's state already, so only the pairs and the overhead
 * are added (one figure per report). `coresFrom`: where the cores were counted from, when that says more.
 */
export function formatSpeedup(speedup: SpeedupReport, c: Colors, told = false, coresFrom?: string): string[] {
  const lines: string[] = [];
  if (speedup.measured !== undefined && told) {
    const windows = speedup.windows > 1 ? ` (${speedup.windows} windows; the last decided)` : "";
    lines.push(c.dim(`one task / split, pair by pair: ${speedup.ratios.map((r) => r.toFixed(2)).join(" ")}${windows}`));
  } else if (speedup.measured !== undefined) {
    const windows = speedup.windows > 1 ? ` (${speedup.windows} windows)` : "";
    lines.push(
      `${c.dim("speedup:")} ${speedupFigures(speedup, speedup.measured, c.bold, coresFrom)}`,
      c.dim(`  one task / split, pair by pair: ${speedup.ratios.map((r) => r.toFixed(2)).join(" ")}${windows}`),
    );
  }
  if (speedup.overheadPerTaskUs !== undefined) {
    lines.push(c.dim(`  ${overheadSentence(speedup.overheadPerTaskUs)}`));
  }
  const busy = told ? undefined : busyMachineNote(speedup);
  if (busy) lines.push(c.yellow(`  ${busy}`));
  return lines;
}

/** A diff's expected lines in green and received lines in red, as vitest shows them. */
export function colourDiff(diff: string, c: Colors): string {
  return diff
    .split("\n")
    .map((line) => (line.startsWith("-") ? c.green(line) : line.startsWith("+") ? c.red(line) : line))
    .join("\n");
}
