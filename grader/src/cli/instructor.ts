import { resolve } from "node:path";
import { Command } from "commander";
import pc from "picocolors";
import { classSummary } from "../classroom/summary-command.ts";
import { formatExerciseDiff } from "../commands/diff.ts";
import { findExercise, loadCurriculum } from "../curriculum/load-curriculum.ts";
import { writeLearnerEdition } from "../edition/learner-edition.ts";
import { workshop } from "../paths.ts";
import { staleDerivedFiles, writeDerivedFiles } from "./derived-files.ts";
import { type ExitWith, runCli } from "./run-cli.ts";
import { targetFolder } from "./target.ts";

/**
 * `pnpm instructor`: the commands of the people who run a class and keep the workshop, apart from the learner's
 * `pnpm grade` (as rustlings keeps its maintainers' tools under `rustlings dev`).
 */
export function instructorProgram(exitWith: ExitWith): Command {
  const program = new Command("pnpm instructor").description(
    "Grade and review a class, and keep the workshop's derived files current.",
  );
  program
    .command("summary")
    .description("a class table from a folder of results (--json or Gradescope's), one per learner")
    .argument("<folder>")
    .option("--csv <file>", "also write the table as CSV")
    .action((folder: string, options: { csv?: string }) => {
      exitWith(classSummary(loadCurriculum(workshop.exercises), resolve(folder), options.csv && resolve(options.csv)));
    });
  program
    .command("diff")
    .description("a learner's files of an exercise against the reference solution")
    .argument("<exercise>")
    .option("--target <dir>", "the learner's folder laid out like exercises/ (default: exercises/)")
    .action((query: string, options: { target?: string }) => {
      const exercise = findExercise(loadCurriculum(workshop.exercises), query);
      const target = options.target ? targetFolder(options.target) : workshop.exercises;
      process.stdout.write(formatExerciseDiff(exercise, target, pc.isColorSupported));
    });
  program
    .command("generate")
    .description("(maintainers) rewrite the files made from the exercises: manifest, schema, Classroom workflow")
    .option("--check", "change nothing; fail if any of them is out of date")
    .action((options: { check?: boolean }) => {
      const curriculum = loadCurriculum(workshop.exercises);
      if (!options.check) {
        for (const file of writeDerivedFiles(curriculum)) process.stdout.write(`wrote ${file}\n`);
        return;
      }
      const stale = staleDerivedFiles(curriculum);
      if (stale.length === 0) process.stdout.write("every derived file is up to date\n");
      else
        process.stderr.write(`out of date: ${stale.join(", ")}. Run \`pnpm instructor generate\` and commit them.\n`);
      exitWith(stale.length === 0 ? 0 : 1);
    });
  program
    .command("learner-edition")
    .description("(maintainers) write the learner edition into a new folder: no solutions, no hidden tests")
    .argument("<folder>")
    .action((folder: string) => {
      const outcome = writeLearnerEdition(resolve(folder));
      for (const leak of outcome.leaks) {
        process.stderr.write(`${leak.file}:${leak.line} holds a line of solutions/${leak.from}: ${leak.text}\n`);
      }
      if (outcome.leaks.length > 0) {
        process.stderr.write(
          `the edition in ${outcome.folder} gives answers away: reword those lines, and write it again\n`,
        );
        exitWith(1);
        return;
      }
      process.stdout.write(
        `wrote the learner edition (${outcome.files} files, one commit, no answers) to ${outcome.folder}\n` +
          "push it as the template repository of your GitHub Classroom assignment.\n",
      );
    });
  return program;
}

export function main(argv: string[]): Promise<number> {
  return runCli(instructorProgram, argv);
}
