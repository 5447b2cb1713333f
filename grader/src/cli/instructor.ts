import { resolve } from "node:path";
import { Command, InvalidArgumentError, Option } from "commander";
import pc from "picocolors";
import { parseDue } from "../classroom/due-date.ts";
import type { SummaryOptions } from "../commands/summary.ts";
import { isTimeZone } from "../course.ts";
import { type Exercise, findExercise, loadCurriculum } from "../curriculum/load-curriculum.ts";
import { workshop } from "../paths.ts";
import { DOCUMENT_REPORTER_NAMES, type DocumentReporterName } from "../report/reporters.ts";
import { NO_SANDBOX_HELP } from "../run/sandbox.ts";
import { type ExitWith, runCli, seconds } from "./run-cli.ts";

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
    .description("the class: what each learner needs, from a folder of results (the batch's, --json or Gradescope's)")
    .argument("<folder>")
    .option("--csv <file>", "also write the table as CSV, with a reason per cell")
    .option("--html <file>", "also write a self-contained HTML class report")
    .option("--json <file>", "also write the class report as JSON: every field of the table, CSV and HTML")
    .option("--due <date>", "mark late submissions against this date, with its zone (2025-05-01T23:59:00Z)", parseDue)
    .option("--time-zone <zone>", "show times in this IANA zone (default: course.json's timeZone)", timeZone)
    .option("--similarity-threshold <0-1>", "list code at least this alike (default: course.json's)", fraction)
    .action(async (folder: string, options: SummaryFlags) => {
      const { classSummary } = await import("../commands/summary.ts");
      exitWith(
        await classSummary(loadCurriculum(workshop.exercises), resolve(folder), {
          ...(options.csv ? { csv: resolve(options.csv) } : {}),
          ...(options.html ? { html: resolve(options.html) } : {}),
          ...(options.json ? { json: resolve(options.json) } : {}),
          ...(options.due ? { due: options.due } : {}),
          ...(options.timeZone ? { timeZone: options.timeZone } : {}),
          ...(options.similarityThreshold === undefined ? {} : { similarityThreshold: options.similarityThreshold }),
        }),
      );
    });
  program
    .command("batch")
    .description("grade a class: each submission in <submissions> (a folder or zip per learner), one result each")
    .argument(
      "<submissions>",
      "a folder holding one clone, exercises/ folder, folder of files or zip per learner; or one learner's, to grade them alone",
    )
    .requiredOption("--out <results>", "where to write <learner>.json for each, and _batch.json (e.g. results)")
    .option("--regrades <n>", "grade an inconclusive speedup again up to n more times", count, 2)
    .option(
      "--due <date>",
      "the due date, with its zone (2025-05-01T23:59:00+02:00): a repository is graded at its last commit before " +
        "it; recorded in each result (default: the one the results folder recorded)",
      parseDue,
    )
    .option("--at-head", "with a due date, grade each repository's latest commit, not its last before the due date")
    .option("--exercises <list>", "grade only these, comma separated (1,2,08-pi-split): an assignment's")
    .option("--timeout <seconds>", "wall-clock limit per exercise, instead of each exercise's own", seconds)
    .option("--inconclusive-only", "grade again only the inconclusive exercises of the results already in --out")
    .option("--no-sandbox", NO_SANDBOX_HELP)
    .action(async (submissions: string, options: BatchFlags) => {
      const curriculum = loadCurriculum(workshop.exercises);
      const { batchCommand } = await import("../commands/batch.ts");
      exitWith(await batchCommand(curriculum, pick(curriculum, options.exercises), submissions, options));
    });
  program
    .command("grade-submission")
    .description("grade one learner's submission as a class batch does; Gradescope's run_autograder calls it")
    .argument("<submission>", "a clone, an exercises/ folder, a folder of files, or a zip")
    .addOption(
      new Option("--reporter <name>", "the document to write").choices(DOCUMENT_REPORTER_NAMES).default("json"),
    )
    .requiredOption("--out <file>", "where to write it (atomically); the terminal report goes to stdout")
    .option("--gradescope-metadata <file>", "Gradescope's submission_metadata.json: its date is the submission's")
    .option("--due <date>", "the due date, with its zone: recorded in the result", parseDue)
    .option("--exercises <list>", "grade only these, comma separated")
    .option("--timeout <seconds>", "wall-clock limit per exercise, instead of each exercise's own", seconds)
    .option("--no-sandbox", NO_SANDBOX_HELP)
    .action(async (submission: string, options: GradeSubmissionFlags) => {
      const curriculum = loadCurriculum(workshop.exercises);
      const { gradeSubmissionCommand } = await import("../commands/grade-submission.ts");
      exitWith(await gradeSubmissionCommand(curriculum, pick(curriculum, options.exercises), submission, options));
    });
  program
    .command("classroom-repos")
    .description("the learners' repositories of a GitHub Classroom assignment (needs GITHUB_TOKEN)")
    .argument("<assignment>", "the assignment's id")
    .option("--json", "one JSON array of {learner, repository}, for a workflow's matrix")
    .addOption(new Option("--api <url>", "GitHub's REST API").default("https://api.github.com").hideHelp())
    .action(async (assignment: string, options: { json?: boolean; api: string }) => {
      const { classroomReposCommand } = await import("../commands/classroom-repos.ts");
      await classroomReposCommand(assignment, options);
    });
  program
    .command("diff")
    .description("a learner's code against the reference solution, or against another learner's")
    .argument("[exercise]", "the exercise (number, id or name); every one the learner handed in when left out")
    .option("--target <submission>", "the learner's repository, exercises/ folder, files or zip (default: exercises/)")
    .option("--against <submission>", "another learner's submission, instead of the reference solution")
    .action(async (query: string | undefined, options: { target?: string; against?: string }) => {
      const curriculum = loadCurriculum(workshop.exercises);
      const { diffCommand } = await import("../commands/diff.ts");
      const diff = await diffCommand(curriculum, options.target ?? workshop.exercises, {
        ...(query ? { exercises: [findExercise(curriculum, query)] } : {}),
        ...(options.against ? { against: options.against } : {}),
        colour: pc.isColorSupported,
      });
      process.stdout.write(diff);
    });
  program
    .command("new")
    .description("(maintainers) scaffold the next exercise: every file it needs, as docs/instructors.md describes")
    .argument("<id>", "the new exercise's id: the next number and a slug, such as 11-async-squares")
    .requiredOption("--title <title>", "its title, as exercise.json holds it")
    .action(async (id: string, options: { title: string }) => {
      const { newExerciseCommand } = await import("../commands/new-exercise.ts");
      newExerciseCommand(loadCurriculum(workshop.exercises), id, options.title);
    });
  program
    .command("generate")
    .description("(maintainers) rewrite the files made from the exercises: manifest, schema, Classroom workflow")
    .option("--check", "change nothing; fail if any of them is out of date")
    .action(async (options: { check?: boolean }) => {
      const { generateCommand } = await import("../commands/generate.ts");
      exitWith(generateCommand(loadCurriculum(workshop.exercises), options.check ?? false));
    });
  program
    .command("protected-changes")
    .description("(Classroom workflow) name the files of a learner's repository that decide its grading and differ")
    .argument("<learner>", "the learner's repository, checked out")
    .option("--template <folder>", "the template's checkout the grading uses (default: this workshop)")
    .action(async (learner: string, options: { template?: string }) => {
      const { protectedChangesCommand } = await import("../commands/protected-changes.ts");
      protectedChangesCommand(resolve(options.template ?? workshop.root), resolve(learner));
    });
  program
    .command("learner-edition")
    .description("(maintainers) write the learner edition into a new folder: no solutions, no hidden tests")
    .argument("<folder>")
    .action(async (folder: string) => {
      const { learnerEditionCommand } = await import("../commands/learner-edition.ts");
      exitWith(learnerEditionCommand(resolve(folder)));
    });
  return program;
}

/** What `summary`'s flags give: the summary's own options, as commander names them. */
type SummaryFlags = Pick<SummaryOptions, "csv" | "html" | "json" | "due" | "timeZone" | "similarityThreshold">;

interface BatchFlags {
  out: string;
  regrades: number;
  due?: string;
  exercises?: string;
  timeout?: number;
  inconclusiveOnly?: boolean;
  sandbox: boolean;
  atHead?: boolean;
}

interface GradeSubmissionFlags {
  reporter: DocumentReporterName;
  out: string;
  gradescopeMetadata?: string;
  due?: string;
  exercises?: string;
  timeout?: number;
  sandbox: boolean;
}

/** `--exercises 1,2,08-pi-split`: those exercises in curriculum order; all of them when not given. */
function pick(curriculum: Exercise[], list: string | undefined): Exercise[] {
  if (list === undefined) return curriculum;
  const picked = new Set(list.split(",").map((query) => findExercise(curriculum, query.trim())));
  return curriculum.filter((exercise) => picked.has(exercise));
}

/** Parses `--time-zone`: a zone this Node knows. */
function timeZone(value: string): string {
  if (!isTimeZone(value)) throw new InvalidArgumentError("give an IANA time zone, such as Europe/Brussels or UTC");
  return value;
}

/** Parses a fraction such as `--similarity-threshold`' (0 to 1). */
function fraction(value: string): number {
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed < 0 || parsed > 1) throw new InvalidArgumentError("give a number from 0 to 1");
  return parsed;
}

/** Parses a count such as `--regrades`' (0 or more). */
function count(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0) throw new InvalidArgumentError("give a whole number, 0 or more");
  return parsed;
}

export function main(argv: string[]): Promise<number> {
  return runCli(instructorProgram, argv);
}
