import { existsSync } from "node:fs";
import pc from "picocolors";
import { formatClassCsv } from "../classroom/class-csv.ts";
import { classHtml } from "../classroom/class-html.ts";
import { buildClassReport } from "../classroom/class-report.ts";
import { CLASS_REPORT_KIND } from "../classroom/class-report-kind.ts";
import { loadClassResults } from "../classroom/class-results.ts";
import { machineTimeZone } from "../classroom/course-time.ts";
import { gradedCodeOf } from "../classroom/graded-code.ts";
import { compareClassCode } from "../classroom/similarity/compare-code.ts";
import { speedupChartSpec } from "../classroom/speedup-chart.ts";
import { formatClassSummary } from "../classroom/summary.ts";
import { visibleText } from "../classroom/visible-text.ts";
import { loadCourse } from "../course.ts";
import type { Exercise } from "../curriculum/load-curriculum.ts";
import { writeAtomically } from "../files/write-atomically.ts";
import { workshop } from "../paths.ts";

export interface SummaryOptions {
  csv?: string;
  html?: string;
  /** The class report itself, as JSON: every field the table, the CSV and the HTML are made of. */
  json?: string;
  /** ISO date: lateness is judged against it (else against the due date the batch or the results recorded). */
  due?: string;
  /** Overrides course.json's `timeZone`. */
  timeZone?: string;
  /** Overrides course.json's `similarity.threshold`. */
  similarityThreshold?: number;
  /** Where the reference solutions are; the workshop's own unless a test says otherwise. */
  solutions?: string;
}

/**
 * `pnpm instructor summary <results> [--csv file] [--html file] [--json file] [--due date]`: the class summary
 * on stdout, as CSV, as an HTML report and as JSON. Where the results keep the code that was graded (a class
 * batch's `_code`), the class's code is compared for similarity. Exits with 1 while the summary is not final:
 * a speedup is inconclusive (regrade it), a submission could not be graded, or a file is not a result; each is named.
 */
export async function classSummary(curriculum: Exercise[], folder: string, options: SummaryOptions): Promise<number> {
  const course = loadCourse();
  const loaded = loadClassResults(folder);
  for (const problem of loaded.problems) process.stderr.write(`${pc.yellow("skipped")} ${visibleText(problem)}\n`);
  const report = buildClassReport(curriculum, loaded, {
    timeZone: options.timeZone ?? course.timeZone ?? machineTimeZone(),
    ...(options.due ? { due: options.due } : {}),
  });
  const learners = gradedCodeOf(
    folder,
    loaded.results.map((result) => result.learner),
  );
  if (learners) {
    const solutions = options.solutions ?? (existsSync(workshop.solutions) ? workshop.solutions : undefined);
    report.similarity = compareClassCode(curriculum, {
      learners,
      threshold: options.similarityThreshold ?? course.similarity.threshold,
      ...(solutions ? { solutions } : {}),
    });
  }
  process.stdout.write(formatClassSummary(report));
  if (options.csv) {
    writeAtomically(options.csv, formatClassCsv(report));
    process.stdout.write(`wrote ${options.csv}\n`);
  }
  if (options.json) {
    writeAtomically(options.json, `${JSON.stringify({ kind: CLASS_REPORT_KIND, ...report }, null, 2)}\n`);
    process.stdout.write(`wrote ${options.json}\n`);
  }
  if (options.html) {
    const spec = speedupChartSpec(report);
    const svg = spec ? await renderSvg(spec) : undefined;
    writeAtomically(options.html, classHtml(report, svg, new Date().toISOString()));
    process.stdout.write(`wrote ${options.html}\n`);
  }
  const open = [
    report.toRegrade.length > 0 ? `${report.toRegrade.length} inconclusive to regrade` : "",
    report.notGraded.length > 0 ? `${report.notGraded.length} not graded` : "",
    report.problems.length > 0 ? `${report.problems.length} files skipped` : "",
  ].filter(Boolean);
  if (open.length > 0) process.stderr.write(`not final: ${open.join(", ")}\n`);
  return open.length > 0 ? 1 : 0;
}

/**
 * @workshop/core's vega-lite renderer. The workshop's packages ship TypeScript sources, which plain Node 20
 * cannot load when the grader runs compiled, so it is loaded through tsx, as the grader loads learners' code.
 */
async function renderSvg(spec: Parameters<typeof import("@workshop/core/plot").renderSvg>[0]): Promise<string> {
  const { tsImport } = await import("tsx/esm/api");
  const plot = (await tsImport("@workshop/core/plot", import.meta.url)) as typeof import("@workshop/core/plot");
  return plot.renderSvg(spec);
}
