import pc from "picocolors";
import { writeAtomically } from "../cli/grade-run.ts";
import type { Exercise } from "../curriculum/load-curriculum.ts";
import { classHtml, speedupChartSpec } from "./class-html.ts";
import { buildClassReport } from "./class-report.ts";
import { loadClassResults } from "./class-results.ts";
import { formatClassCsv, formatClassSummary } from "./summary.ts";

export interface SummaryOptions {
  csv?: string;
  html?: string;
  /** ISO date: lateness is judged against it (else against the due date the results recorded). */
  due?: string;
}

/**
 * `pnpm instructor summary <results> [--csv file] [--html file] [--due date]`: the class summary on stdout, as
 * CSV and as an HTML report. Exits with 1 while the summary is not final: a speedup is inconclusive (regrade
 * it), a submission could not be graded, or a file is not a result; each is named.
 */
export async function classSummary(curriculum: Exercise[], folder: string, options: SummaryOptions): Promise<number> {
  const loaded = loadClassResults(folder);
  for (const problem of loaded.problems) process.stderr.write(`${pc.yellow("skipped")} ${problem}\n`);
  const report = buildClassReport(curriculum, loaded, options.due);
  process.stdout.write(formatClassSummary(report));
  if (options.csv) {
    writeAtomically(options.csv, formatClassCsv(report));
    process.stdout.write(`wrote ${options.csv}\n`);
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
