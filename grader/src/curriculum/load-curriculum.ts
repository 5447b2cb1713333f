import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import * as v from "valibot";
import { CurriculumError, UsageError } from "../errors.ts";
import { displayPath } from "../paths.ts";
import { EXERCISE_ID, type ExerciseMetadata, exerciseSchema, firstIssue } from "./exercise-schema.ts";
import { readHints } from "./hints.ts";

/** One exercise, found by its id (the folder name `NN-slug`) everywhere: folder, metadata, report, hints. */
export interface Exercise extends Omit<ExerciseMetadata, "$schema"> {
  id: string;
  number: number;
  slug: string;
  /** The workshop's own folder of it: README, hints, exercise.json, the starters, given files and tests. */
  dir: string;
  /** The public test, as a path in `dir`. */
  testFile: string;
  hints: string[];
}

/**
 * Every exercise under `exercisesDir`, in order, each checked against its exercise.json's schema. Every problem
 * of every exercise is said at once, one per line: an instructor adding an exercise fixes them in one go.
 */
export function loadCurriculum(exercisesDir: string): Exercise[] {
  if (!existsSync(exercisesDir)) throw new CurriculumError(`no exercises folder at ${exercisesDir}`);
  const problems: string[] = [];
  const collect = <T>(check: () => T): T | undefined => {
    try {
      return check();
    } catch (error) {
      if (!(error instanceof CurriculumError)) throw error;
      problems.push(error.message);
      return undefined;
    }
  };
  const exercises = readdirSync(exercisesDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && EXERCISE_ID.test(entry.name))
    .flatMap((entry) => collect(() => loadExercise(join(exercisesDir, entry.name), entry.name)) ?? [])
    .sort((a, b) => a.number - b.number);
  for (const exercise of exercises) collect(() => checkReferences(exercise, exercises));
  if (problems.length > 0) throw new CurriculumError(problems.join("\n"));
  return exercises;
}

function loadExercise(dir: string, id: string): Exercise {
  const [, number = "0", slug = id] = EXERCISE_ID.exec(id) ?? [];
  const metadataFile = join(dir, "exercise.json");
  const { $schema: _, ...metadata } = readMetadata(metadataFile);
  const exercise: Exercise = {
    ...metadata,
    id,
    number: Number(number),
    slug,
    dir,
    testFile: join(dir, metadata.files.test),
    hints: readHints(join(dir, "hints.md")),
  };
  const declared = [...metadata.files.learner, ...metadata.files.given, metadata.files.test, ...metadata.files.hidden];
  for (const file of declared) {
    if (!existsSync(join(dir, file))) {
      fail(metadataFile, "files", `declares ${file}, which is not in ${displayPath(dir)}`);
    }
  }
  return exercise;
}

function readMetadata(file: string): ExerciseMetadata {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new CurriculumError(
      `${displayPath(file)} could not be read (${(error as Error).message.split("\n")[0]}). It describes exercise ` +
        `${file.split(/[\\/]/).at(-2)}: restore it with \`git checkout -- ${displayPath(file)}\`.`,
    );
  }
  const result = v.safeParse(exerciseSchema, parsed);
  if (result.success) return result.output;
  const problems = result.issues.map((issue) => {
    const { field, message } = firstIssue([issue]);
    return `${displayPath(file)}, field ${field}: ${message}.`;
  });
  throw new CurriculumError(`${problems.join("\n")} The fields are described in exercises/exercise.schema.json.`);
}

/** What one exercise.json can only be checked against the others: its exports, what it uses, its speedup. */
function checkReferences(exercise: Exercise, curriculum: Exercise[]): void {
  const file = join(exercise.dir, "exercise.json");
  const { learner, given } = exercise.files;
  for (const name of Object.keys(exercise.contract.exports)) {
    if (!learner.includes(name)) fail(file, `contract.exports.${name}`, "names a file that is not a learner file");
  }
  for (const name of learner) {
    if (!exercise.contract.exports[name]) fail(file, "contract.exports", `says nothing of ${name}: list its exports`);
  }
  for (const used of exercise.uses) {
    const earlier = curriculum.find((other) => other.id === used);
    if (!earlier || earlier.number >= exercise.number) fail(file, "uses", `${used} is not an earlier exercise`);
  }
  const speedup = exercise.contract.speedup;
  if (!speedup) return;
  const owner = speedup.split.exercise ?? exercise.id;
  const home = curriculum.find((other) => other.id === owner);
  if (owner !== exercise.id && !exercise.uses.includes(owner)) {
    fail(file, "contract.speedup.split.exercise", `${owner} must also be listed in "uses"`);
  }
  if (!home || ![...home.files.learner, ...home.files.given].includes(speedup.split.file)) {
    fail(file, "contract.speedup.split.file", `${speedup.split.file} is not a file of ${owner}`);
  }
  if (speedup.efficiency && ![...learner, ...given].includes(speedup.efficiency.file)) {
    fail(file, "contract.speedup.efficiency.file", `${speedup.efficiency.file} is not a file of ${exercise.id}`);
  }
}

function fail(file: string, field: string, problem: string): never {
  throw new CurriculumError(`${displayPath(file)}, field ${field}: ${problem}. Fix the file, or restore it with git.`);
}

/**
 * Finds one exercise from what a learner types: its number (`3`, `03`), its full id (`03-fibonacci`), or a
 * unique prefix of its slug (`fib`).
 */
export function findExercise(curriculum: Exercise[], query: string): Exercise {
  const wanted = query
    .trim()
    .toLowerCase()
    .replace(/[\\/]$/, "");
  const byNumber = /^\d+$/.test(wanted) ? curriculum.find((e) => e.number === Number(wanted)) : undefined;
  const exact = byNumber ?? curriculum.find((e) => e.id === wanted || e.slug === wanted);
  if (exact) return exact;
  const matches = curriculum.filter((e) => e.slug.startsWith(wanted) || e.id.startsWith(wanted));
  if (matches.length === 1) return matches[0] as Exercise;
  const known = curriculum.map((e) => e.id).join(", ");
  if (matches.length > 1) {
    throw new UsageError(`"${query}" matches ${matches.map((e) => e.id).join(" and ")}; type more of the name.`);
  }
  throw new UsageError(`no exercise "${query}". Use a number (1-${curriculum.length}) or a name: ${known}`);
}
