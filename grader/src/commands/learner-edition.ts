import { writeLearnerEdition } from "../edition/learner-edition.ts";

/**
 * `pnpm instructor learner-edition <folder>`: writes the learner edition, or refuses (exit code 1) while a line of
 * it would give a solution away, naming each.
 */
export function learnerEditionCommand(folder: string): number {
  const outcome = writeLearnerEdition(folder);
  for (const leak of outcome.leaks) {
    process.stderr.write(`${leak.file}:${leak.line} holds a line of solutions/${leak.from}: ${leak.text}\n`);
  }
  if (outcome.leaks.length > 0) {
    process.stderr.write(
      `the edition in ${outcome.folder} gives answers away: reword those lines, and write it again\n`,
    );
    return 1;
  }
  process.stdout.write(
    `wrote the learner edition (${outcome.files} files, one commit, no answers) to ${outcome.folder}\n` +
      "push it as the template repository of your GitHub Classroom assignment.\n",
  );
  return 0;
}
