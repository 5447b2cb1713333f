import pc from "picocolors";
import { writeAtomically } from "../cli/grade-run.ts";
import type { Exercise } from "../curriculum/load-curriculum.ts";
import { loadClassResults } from "./class-results.ts";
import { classColumns, formatClassCsv, formatClassTable } from "./summary.ts";

/**
 * `pnpm grade --summary <folder> [--csv file]`: the class table on stdout, and as CSV. Exits with 1 when a
 * file was left out, so a script notices that the table is not the whole class.
 */
export function classSummary(curriculum: Exercise[], folder: string, csvFile: string | undefined): number {
  const { results, problems } = loadClassResults(folder);
  for (const problem of problems) process.stderr.write(`${pc.yellow("skipped")} ${problem}\n`);
  const columns = classColumns(curriculum, results);
  process.stdout.write(`${formatClassTable(columns, results)}\n`);
  if (csvFile) {
    writeAtomically(csvFile, formatClassCsv(columns, results));
    process.stdout.write(`wrote ${csvFile}\n`);
  }
  return problems.length > 0 ? 1 : 0;
}
