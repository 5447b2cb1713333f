import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { Command, InvalidArgumentError, Option } from "commander";
import pc from "picocolors";
import { showNextHint } from "./commands/hint.ts";
import { formatProgressList } from "./commands/list.ts";
import { resetExercise } from "./commands/reset.ts";
import { watchExercises } from "./commands/watch.ts";
import { type Exercise, findExercise, loadCurriculum } from "./curriculum.ts";
import { CurriculumError, UsageError } from "./errors.ts";
import { gradeRun } from "./grade-run.ts";
import { buildManifest, readManifest, writeManifest } from "./manifest.ts";
import { exercisesDir, manifestFile, repoRoot, solutionsDir, stateDir } from "./paths.ts";
import { REPORTERS, type Reporter, renderReport, writeDocument } from "./report/machine-report.ts";
import type { ExerciseStatus } from "./result.ts";
import { loadState, saveState } from "./state.ts";

interface CliOptions {
  solutions?: boolean;
  target?: string;
  watch?: boolean;
  poll?: boolean;
  hint?: string;
  list?: boolean;
  reset?: string;
  json?: boolean;
  reporter?: Reporter;
  out?: string;
  diff?: string;
  summary?: string;
  csv?: string;
  writeClassroomWorkflow?: boolean;
  ci?: boolean;
  verbose?: boolean;
  timeout?: number;
  updateManifest?: boolean;
  checkManifest?: boolean;
}

const stateFile = `${stateDir}/state.json`;

function program(): Command {
  return new Command("pnpm grade")
    .description("Grade your exercises: all of them in order, or one by number, id or name.")
    .argument("[exercises...]", "exercises to grade: number (3), id (03-fibonacci) or start of the name (fib)")
    .option("--solutions", "grade the reference solutions instead of your exercises")
    .addOption(new Option("--target <dir>", "grade another folder laid out like exercises/").conflicts("solutions"))
    .option("-w, --watch", "re-grade on every save and move on when an exercise passes")
    .option("--poll", "with --watch: check files for changes twice a second (when saves go unnoticed)")
    .option("--hint <exercise>", "show the next hint for an exercise (one more each time)")
    .option("--list", "show your progress and the next exercise")
    .option("--reset <exercise>", "restore an exercise's starter; your version is backed up first")
    .option("--json", "write one machine-readable result to stdout (schema: docs/grader-json.md)")
    .addOption(
      new Option(
        "--reporter <name>",
        "how to report: gradescope writes its results.json, junit XML for a CI, json is --json",
      )
        .choices(REPORTERS)
        .conflicts("json"),
    )
    .option("--out <file>", "with a machine reporter: write its document to this file (the terminal report stays)")
    .option("--diff <exercise>", "show your files of an exercise against the reference solution")
    .option("--summary <folder>", "(instructors) a class table from a folder of --json results, one per learner")
    .option("--csv <file>", "with --summary: also write the table as CSV")
    .option("--ci", "for graded runs: an exercise whose test file was modified fails")
    .option("--verbose", "explain every failure, not only the next exercise's")
    .option("--timeout <seconds>", "wall-clock limit per exercise (default: 20 s, 60 s for parallel ones)", seconds)
    .option("--update-manifest", "(maintainers) record the hashes of the shipped tests and starters")
    .option("--check-manifest", "(maintainers) fail if the manifest is out of date")
    .option("--write-classroom-workflow", "(maintainers) write .github/workflows/classroom.yml from the exercises")
    .showHelpAfterError("(run `pnpm grade --help` for the options)")
    .exitOverride();
}

function seconds(value: string): number {
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed <= 0) throw new InvalidArgumentError("give a number of seconds, e.g. 30");
  return parsed;
}

/** Runs the CLI and resolves with the exit code: 0 all graded passed, 1 any did not, 2 a usage error. */
export async function main(argv: string[]): Promise<number> {
  const command = program();
  try {
    command.parse(argv, { from: "user" });
  } catch (error) {
    const code = (error as { exitCode?: number }).exitCode ?? 2;
    // --help and --version exit with 0 through the same path.
    return code === 0 ? 0 : 2;
  }
  const options = command.opts<CliOptions>();
  try {
    return await dispatch(options, command.args);
  } catch (error) {
    if (error instanceof UsageError || error instanceof CurriculumError || error instanceof InvalidArgumentError) {
      process.stderr.write(`${pc.red("error:")} ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}

async function dispatch(options: CliOptions, queries: string[]): Promise<number> {
  const curriculum = loadCurriculum(exercisesDir);
  const pick = (q: string) => findExercise(curriculum, q);

  if (options.updateManifest) {
    writeManifest(manifestFile, buildManifest(curriculum));
    process.stdout.write(`wrote ${manifestFile}\n`);
    return 0;
  }
  if (options.checkManifest) return checkManifest(curriculum);
  // The instructor's commands load their libraries (yaml, diff) only when asked: every grade would pay
  // about 0.2 s for them, and grading one exercise is meant to take about 3 s.
  if (options.writeClassroomWorkflow) {
    const { classroomWorkflow, classroomWorkflowFile } = await import("./classroom/workflow.ts");
    writeFileSync(classroomWorkflowFile, classroomWorkflow(curriculum));
    process.stdout.write(`wrote ${classroomWorkflowFile}\n`);
    return 0;
  }
  if (options.csv && !options.summary) throw new UsageError("--csv goes with --summary <folder>.");
  if (options.summary) {
    const { classSummary } = await import("./classroom/summary-command.ts");
    return classSummary(curriculum, resolve(options.summary), options.csv && resolve(options.csv));
  }
  if (options.diff) {
    if (options.solutions) throw new UsageError("--diff compares work with the solutions; drop --solutions.");
    const target = options.target ? resolve(options.target) : exercisesDir;
    const { formatExerciseDiff } = await import("./commands/diff.ts");
    process.stdout.write(formatExerciseDiff(pick(options.diff), target, pc.isColorSupported));
    return 0;
  }
  if (options.hint) {
    process.stdout.write(`${showNextHint(pick(options.hint), stateFile)}\n`);
    return 0;
  }
  if (options.list) {
    process.stdout.write(`${formatProgressList(curriculum, stateFile)}\n`);
    return 0;
  }
  if (options.reset) {
    const exercise = pick(options.reset);
    const backup = resetExercise(exercise, readManifest(manifestFile), `${stateDir}/backups`);
    process.stdout.write(
      `Restored the starter of ${exercise.id}. Your version is saved in ${backup.replace(`${repoRoot}/`, "")}\n`,
    );
    return 0;
  }
  if (options.watch) {
    if (options.solutions) throw new UsageError("--watch follows work in progress; the solutions are finished.");
    if (queries.length > 1) throw new UsageError("--watch starts from one exercise; name one, or none.");
    const [first] = queries;
    return watchExercises({
      curriculum,
      target: options.target ? resolve(options.target) : exercisesDir,
      stateFile,
      poll: options.poll ?? false,
      ...(first ? { startAt: pick(first) } : {}),
    });
  }

  const reporter: Reporter = options.json ? "json" : (options.reporter ?? "terminal");
  if (options.out && reporter === "terminal") {
    throw new UsageError("--out writes a machine report: add --reporter gradescope, junit or json.");
  }
  const target = options.solutions ? solutionsDir : options.target ? resolve(options.target) : exercisesDir;
  const targetLabel = options.solutions ? "solutions" : options.target ? target : "exercises";
  // In curriculum order, each once, however they were typed.
  const picked = new Set(queries.map(pick));
  const exercises: Exercise[] = picked.size > 0 ? curriculum.filter((e) => picked.has(e)) : curriculum;
  const startedAt = performance.now();
  const report = await gradeRun({
    curriculum,
    exercises,
    target,
    targetLabel,
    manifest: readManifest(manifestFile),
    ci: options.ci ?? false,
    // A machine report on stdout must be alone there; written to a file, it leaves the terminal its table.
    quiet: reporter !== "terminal" && !options.out,
    verbose: options.verbose ?? false,
    ...(options.timeout ? { timeoutSeconds: options.timeout } : {}),
  });
  if (target === exercisesDir) recordProgress(report.exercises);
  if (reporter !== "terminal") {
    const document = renderReport(reporter, report, performance.now() - startedAt);
    if (options.out) writeDocument(resolve(options.out), document);
    else process.stdout.write(document);
  }
  return report.summary.passed === report.summary.total ? 0 : 1;
}

function recordProgress(results: { id: string; status: ExerciseStatus }[]): void {
  const state = loadState(stateFile, (m) => process.stderr.write(`${m}\n`));
  for (const { id, status } of results) state.lastStatus[id] = status;
  saveState(stateFile, state);
}

function checkManifest(curriculum: Exercise[]): number {
  const committed = JSON.stringify(readManifest(manifestFile));
  if (committed === JSON.stringify(buildManifest(curriculum))) {
    process.stdout.write("the manifest is up to date\n");
    return 0;
  }
  process.stderr.write("the manifest is out of date: run `pnpm --filter @workshop/grader manifest` and commit it\n");
  return 1;
}
