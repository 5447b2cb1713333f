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
    .option("--ci", "for graded runs: an exercise whose test file was modified fails")
    .option("--verbose", "explain every failure, not only the next exercise's")
    .option("--timeout <seconds>", "wall-clock limit per exercise (default: 20 s, 60 s for parallel ones)", seconds)
    .option("--update-manifest", "(maintainers) record the hashes of the shipped tests and starters")
    .option("--check-manifest", "(maintainers) fail if the manifest is out of date")
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

  const target = options.solutions ? solutionsDir : options.target ? resolve(options.target) : exercisesDir;
  const targetLabel = options.solutions ? "solutions" : options.target ? target : "exercises";
  // In curriculum order, each once, however they were typed.
  const picked = new Set(queries.map(pick));
  const exercises: Exercise[] = picked.size > 0 ? curriculum.filter((e) => picked.has(e)) : curriculum;
  const report = await gradeRun({
    curriculum,
    exercises,
    target,
    targetLabel,
    manifest: readManifest(manifestFile),
    ci: options.ci ?? false,
    quiet: options.json ?? false,
    verbose: options.verbose ?? false,
    ...(options.timeout ? { timeoutSeconds: options.timeout } : {}),
  });
  if (target === exercisesDir) recordProgress(report.exercises);
  if (options.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
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
