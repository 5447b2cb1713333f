import { appendFileSync } from "node:fs";
import { protectedChanges } from "../classroom/protected-files.ts";

/**
 * `pnpm instructor protected-changes <learner>` (the Classroom workflow's step): names the files of a learner's
 * repository that decide its grading and differ from the template's, as workflow warnings and in the run's summary.
 */
export function protectedChangesCommand(template: string, learner: string): void {
  const changes = protectedChanges(template, learner);
  // A file's name is the learner's: escaped as GitHub's workflow commands and Markdown need.
  for (const path of changes) {
    process.stdout.write(
      `::warning file=${workflowCommandValue(path)}::changed in this repository; graded with the template's\n`,
    );
  }
  const summary = changes.length
    ? `### Files that decide the grading, changed in this repository\n\n${changes.map((path) => `- \`${path.replace(/[`\r\n]/g, "?")}\``).join("\n")}\n\n` +
      "The grade above used the template's versions of them. Your instructor sees this list.\n"
    : "No file that decides the grading was changed.\n";
  if (process.env.GITHUB_STEP_SUMMARY) appendFileSync(process.env.GITHUB_STEP_SUMMARY, summary);
  process.stdout.write(summary);
}

/** A value for one of GitHub's workflow commands (`::warning file=...::`), which a line end or `%` would break. */
function workflowCommandValue(value: string): string {
  return value
    .replace(/%/g, "%25")
    .replace(/\r/g, "%0D")
    .replace(/\n/g, "%0A")
    .replace(/:/g, "%3A")
    .replace(/,/g, "%2C");
}
