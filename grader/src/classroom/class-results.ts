import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { basename, join } from "node:path";
import { UsageError } from "../errors.ts";
import { type GradeReport, RESULT_SCHEMA_VERSION } from "../result.ts";

/** One learner's `pnpm grade --json` result; the learner is named by the file, without `.json`. */
export interface LearnerResult {
  learner: string;
  report: GradeReport;
}

/**
 * Every `*.json` grade result in `folder`, by learner name. A file that is not a result of this grader's
 * schema is left out and named in `problems`, so one bad upload does not hide the class.
 */
export function loadClassResults(folder: string): { results: LearnerResult[]; problems: string[] } {
  if (!existsSync(folder) || !statSync(folder).isDirectory()) {
    throw new UsageError(`${folder} is not a folder. Give the folder that holds one \`--json\` result per learner.`);
  }
  const files = readdirSync(folder)
    .filter((name) => name.endsWith(".json"))
    .sort((a, b) => a.localeCompare(b));
  if (files.length === 0) throw new UsageError(`${folder} holds no .json files: save each learner's \`--json\`.`);
  const results: LearnerResult[] = [];
  const problems: string[] = [];
  for (const name of files) {
    const problem = readResult(join(folder, name));
    if (typeof problem === "string") problems.push(`${name}: ${problem}`);
    else results.push({ learner: basename(name, ".json"), report: problem });
  }
  return { results, problems };
}

/** The report in `file`, or why it is not one. */
function readResult(file: string): GradeReport | string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    return `not JSON (${(error as Error).message.split("\n")[0]}); was it saved with \`pnpm -s grade --json\`?`;
  }
  const report = parsed as Partial<GradeReport>;
  if (typeof report !== "object" || report === null || !Array.isArray(report.exercises)) {
    return "not a grade result (no `exercises` list)";
  }
  if (report.version !== RESULT_SCHEMA_VERSION) {
    return `result format version ${String(report.version)}; this grader reads version ${RESULT_SCHEMA_VERSION}`;
  }
  return report as GradeReport;
}
