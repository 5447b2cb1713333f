// `copy-submission-cli.ts <submission> <into>`: lays a learner's submission out like exercises/ in a fresh
// folder, for `pnpm grade --target <into>`. Used by grader/gradescope/run_autograder.
import { existsSync } from "node:fs";
import { loadCurriculum } from "../curriculum/load-curriculum.ts";
import { workshop } from "../paths.ts";
import { copySubmission } from "./submission.ts";

const [submission, into] = process.argv.slice(2);
if (!submission || !into || !existsSync(submission)) {
  process.stderr.write(
    `usage: copy-submission-cli.ts <submission folder> <into>; got ${process.argv.slice(2).join(" ")}\n`,
  );
  process.exit(2);
}
const found = copySubmission(submission, loadCurriculum(workshop.exercises), into);
for (const file of found) {
  const where = file.from ? `from ${file.from}` : "not in the submission";
  process.stdout.write(`${file.exercise}/${file.name}: ${where}\n`);
}
process.stdout.write(`copied ${found.filter((file) => file.from).length} files\n`);
