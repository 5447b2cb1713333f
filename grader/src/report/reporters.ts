import type { Exercise } from "../curriculum/load-curriculum.ts";
import type { GradeEvent } from "../pipeline/events.ts";
import type { GradeReport } from "../result.ts";
import { type GradescopeSettings, toGradescope } from "./gradescope.ts";
import { toJUnit } from "./junit.ts";
import { toMarkdown } from "./markdown.ts";
import type { Reporter } from "./reporter.ts";
import { TerminalReporter } from "./terminal.ts";

export interface ReporterOptions {
  curriculum: Exercise[];
  verbose: boolean;
  gradescope: GradescopeSettings;
}

/** A reporter that turns the finished report into one document. */
class DocumentReporter implements Reporter {
  #document: string | undefined;
  readonly #render: (report: GradeReport, elapsedMs: number) => string;

  constructor(render: (report: GradeReport, elapsedMs: number) => string) {
    this.#render = render;
  }

  onEvent(event: GradeEvent): void {
    if (event.type === "run-finished") this.#document = this.#render(event.report, event.elapsedMs);
  }

  document(): string | undefined {
    return this.#document;
  }
}

/** Every reporter, by the name `--reporter` takes. A new one is one file and one line here. */
export const REPORTERS = {
  terminal: (options: ReporterOptions) =>
    new TerminalReporter({ curriculum: options.curriculum, flavour: "run", verbose: options.verbose }),
  json: () => new DocumentReporter((report) => `${JSON.stringify(report, null, 2)}\n`),
  gradescope: (options: ReporterOptions) =>
    new DocumentReporter(
      (report, elapsedMs) => `${JSON.stringify(toGradescope(report, elapsedMs, options.gradescope), null, 2)}\n`,
    ),
  junit: () => new DocumentReporter((report, elapsedMs) => toJUnit(report, elapsedMs)),
  markdown: () => new DocumentReporter((report) => toMarkdown(report)),
} satisfies Record<string, (options: ReporterOptions) => Reporter>;

export type ReporterName = keyof typeof REPORTERS;
export const REPORTER_NAMES = Object.keys(REPORTERS) as ReporterName[];

/** The reporters that write a document: every one but the terminal's. What `--out` and `grade-submission` take. */
export type DocumentReporterName = Exclude<ReporterName, "terminal">;
export const DOCUMENT_REPORTER_NAMES = REPORTER_NAMES.filter(
  (name): name is DocumentReporterName => name !== "terminal",
);
