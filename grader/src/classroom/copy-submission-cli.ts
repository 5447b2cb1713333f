// Run by grader/gradescope/run_autograder: `node --import tsx grader/src/classroom/copy-submission-cli.ts <dir>`.
// Not a `pnpm grade` option on purpose: it writes over exercises/, which a learner must never do by accident.
import { existsSync } from "node:fs";
import { loadCurriculum } from "../curriculum.ts";
import { exercisesDir } from "../paths.ts";
import { copySubmission } from "./submission.ts";

const [submission] = process.argv.slice(2);
if (!submission || !existsSync(submission)) {
  process.stderr.write(`usage: copy-submission-cli.ts <submission folder>; ${submission ?? "none"} was given\n`);
  process.exit(2);
}
const found = copySubmission(submission, loadCurriculum(exercisesDir), exercisesDir);
for (const file of found) {
  const where = file.from ? `from ${file.from}` : "not in the submission: the starter stays";
  process.stdout.write(`${file.exercise}/${file.name}: ${where}\n`);
}
const copied = found.filter((file) => file.from).length;
process.stdout.write(`copied ${copied} of ${found.length} code files into exercises/\n`);
