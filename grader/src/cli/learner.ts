import { join } from "node:path";
import { Command, Option } from "commander";
import { gradeCommand } from "../commands/grade.ts";
import { showNextHint } from "../commands/hint.ts";
import { formatProgressList } from "../commands/list.ts";
import { describeReset, resetExercise } from "../commands/reset.ts";
import { showSolution } from "../commands/solution.ts";
import { watchCommand } from "../commands/watch.ts";
import { findExercise, loadCurriculum } from "../curriculum/load-curriculum.ts";
import { UsageError } from "../errors.ts";
import { readManifest } from "../manifest.ts";
import { workshop } from "../paths.ts";
import { DOCUMENT_REPORTER_NAMES, REPORTER_NAMES, type ReporterName } from "../report/reporters.ts";
import { oneOf } from "../report/wording.ts";
import { NO_SANDBOX_HELP } from "../run/sandbox.ts";
import { progressFile as stateFile } from "../state.ts";
import { type ExitWith, runCli, seconds } from "./run-cli.ts";
import { targetFolder } from "./target.ts";

interface GradeOptions {
  solutions?: boolean;
  target?: string;
  watch?: boolean;
  poll?: boolean;
  ci?: boolean;
  json?: boolean;
  reporter?: ReporterName;
  out?: string;
  verbose?: boolean;
  timeout?: number;
  /** False with `--no-sandbox`. */
  sandbox?: boolean;
}

/**
 * `pnpm grade`: the learner's commands, and the flags that scripts and workflows call (`--ci`, `--target`,
 * `--json`, `--reporter`, `--out`, `--solutions`). The instructors' and maintainers' commands are `pnpm
 * instructor` (cli/instructor.ts), so that a learner's `--help` shows only what is theirs.
 */
export function learnerProgram(exitWith: ExitWith): Command {
  const program = new Command("pnpm grade")
    .description("Grade your exercises: all of them in order, or the ones you name by number, id or start of name.")
    .argument("[exercises...]", "exercises to grade: number (3), id (03-fibonacci) or start of the name (fib)")
    .option(
      "-w, --watch",
      "re-grade on every save and move on when an exercise passes (the same as `pnpm grade watch`)",
    )
    .option("--poll", "with --watch: check files for changes twice a second (when saves go unnoticed)")
    .option("--verbose", "explain every failure, not only the next exercise's")
    .option("--timeout <seconds>", "wall-clock limit per exercise, instead of each exercise's own", seconds)
    .addOption(new Option("--solutions", "grade the reference solutions instead of your exercises").hideHelp())
    .addOption(new Option("--target <dir>", "grade another folder laid out like exercises/ (a graded run)").hideHelp())
    .addOption(new Option("--ci", "a graded run of exercises/: hidden tests, and changed tests fail").hideHelp())
    .addOption(new Option("--no-sandbox", NO_SANDBOX_HELP).hideHelp())
    .addOption(new Option("--json", "write one JSON result to stdout (docs/grader-json.md)").hideHelp())
    .addOption(
      new Option("--reporter <name>", `${oneOf(DOCUMENT_REPORTER_NAMES)}: write that document`)
        .choices(REPORTER_NAMES)
        .hideHelp(),
    )
    .addOption(
      new Option("--out <file>", "write the reporter's document to this file; the terminal report stays").hideHelp(),
    )
    .showHelpAfterError("(run `pnpm grade --help` for the commands)")
    .addHelpText("after", "\nInstructors and maintainers: `pnpm instructor --help`.")
    .action(async (queries: string[], options: GradeOptions) => {
      checkCombination(options, queries);
      const curriculum = loadCurriculum(workshop.exercises);
      if (options.watch) {
        exitWith(await watchCommand(curriculum, watchOptions(queries[0], options)));
        return;
      }
      exitWith(
        await gradeCommand(curriculum, queries, {
          ...options,
          ...(options.target ? { target: targetFolder(options.target) } : {}),
          reporter: options.json ? "json" : (options.reporter ?? "terminal"),
        }),
      );
    });

  program
    .command("watch")
    .description("re-grade on every save, and move on when the exercise passes; keys: h hint, l list, q quit")
    .argument("[exercise]", "where to start (default: the first not passed yet)")
    .option("--poll", "check files for changes twice a second (when saves go unnoticed)")
    .option("--timeout <seconds>", "wall-clock limit per exercise", seconds)
    .addOption(new Option("--target <dir>", "follow another folder laid out like exercises/").hideHelp())
    .action(async (query: string | undefined, options: GradeOptions) => {
      exitWith(await watchCommand(loadCurriculum(workshop.exercises), watchOptions(query, options)));
    });
  program
    .command("hint")
    .description("the next hint for an exercise (one more each time)")
    .argument("<exercise>")
    .action((query: string) => {
      const exercise = findExercise(loadCurriculum(workshop.exercises), query);
      process.stdout.write(
        `${showNextHint(exercise, stateFile, `Run \`pnpm grade hint ${exercise.number}\` again`)}\n`,
      );
    });
  program
    .command("list")
    .description("your progress, with the next exercise marked")
    .action(() => {
      process.stdout.write(
        `${formatProgressList(loadCurriculum(workshop.exercises), stateFile, process.stdout.columns)}\n`,
      );
    });
  program
    .command("reset")
    .description("put an exercise's starter back; your version is backed up first")
    .argument("<exercise>")
    .action((query: string) => {
      const exercise = findExercise(loadCurriculum(workshop.exercises), query);
      const outcome = resetExercise(exercise, readManifest(), {
        backupsDir: join(workshop.state, "backups"),
        stateFile,
        root: workshop.root,
      });
      process.stdout.write(`${describeReset(exercise, outcome)}\n`);
    });
  program
    .command("solution")
    .description("the reference solution of an exercise, once yours passes")
    .argument("<exercise>")
    .action((query: string) => {
      const exercise = findExercise(loadCurriculum(workshop.exercises), query);
      process.stdout.write(showSolution(exercise, stateFile));
    });
  return program;
}

/** Refuses options that cannot go together, before anything runs, saying which and why. */
function checkCombination(options: GradeOptions, queries: string[]): void {
  const refuse = (message: string) => {
    throw new UsageError(message);
  };
  if (options.solutions && options.target) refuse("--solutions and --target each name the tree to grade: give one.");
  if (options.json && options.reporter) refuse("--json is --reporter json: give one of them.");
  if (options.out && !options.json && !options.reporter) {
    refuse(`--out writes a reporter's document: add --reporter ${oneOf(DOCUMENT_REPORTER_NAMES)}.`);
  }
  if (options.poll && !options.watch) refuse("--poll goes with --watch.");
  if (options.sandbox === false && !options.ci && !options.target) {
    refuse("--no-sandbox is for a graded run (--ci or --target): practice runs use no sandbox.");
  }
  if (options.watch) {
    for (const flag of ["solutions", "ci", "json", "reporter", "out", "verbose"] as const) {
      if (options[flag]) refuse(`--watch follows your work as you save it; --${flag} is for a single grading run.`);
    }
    if (queries.length > 1) refuse("--watch starts from one exercise: name one, or none.");
  }
}

/** What watch mode takes of the flags, the target checked. */
function watchOptions(query: string | undefined, options: GradeOptions) {
  return {
    poll: options.poll ?? false,
    ...(query ? { query } : {}),
    ...(options.target ? { target: targetFolder(options.target) } : {}),
    ...(options.timeout ? { timeout: options.timeout } : {}),
  };
}

export function main(argv: string[]): Promise<number> {
  return runCli(learnerProgram, argv);
}
