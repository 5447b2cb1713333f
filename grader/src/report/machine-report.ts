import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import type { GradeReport } from "../result.ts";
import { toGradescope } from "./gradescope.ts";
import { toJUnit } from "./junit.ts";

/** How a graded run is reported: the terminal's table, or one machine-readable document. */
export const REPORTERS = ["terminal", "json", "gradescope", "junit"] as const;
export type Reporter = (typeof REPORTERS)[number];

/** The document a machine reporter makes of a report: `--json`'s, Gradescope's results.json, or JUnit XML. */
export function renderReport(reporter: Exclude<Reporter, "terminal">, report: GradeReport, elapsedMs: number): string {
  switch (reporter) {
    case "json":
      return `${JSON.stringify(report, null, 2)}\n`;
    case "gradescope":
      return `${JSON.stringify(toGradescope(report, elapsedMs), null, 2)}\n`;
    case "junit":
      return toJUnit(report, elapsedMs);
  }
}

/** Writes a document for `--out` or `--csv`, making its folder, and says where on stdout. */
export function writeDocument(file: string, document: string): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, document);
  process.stdout.write(`wrote ${file}\n`);
}
