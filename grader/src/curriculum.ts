import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { CurriculumError, UsageError } from "./errors.ts";
import { readHints } from "./hints.ts";

/** One exercise, found by its id (the folder name `NN-slug`) everywhere: folder, metadata, report, hints. */
export interface Exercise {
  id: string;
  number: number;
  slug: string;
  title: string;
  points: number;
  /** The grader measures parallel speedup on this exercise. */
  speedup: boolean;
  /** A worked example passes as shipped; the self-check does not expect its starter to fail. */
  workedExample: boolean;
  /** Wall-clock limit for grading this exercise, in seconds. */
  timeoutSeconds: number;
  /** `exercises/NN-slug`: README, hints, metadata, the test file and the starter. */
  dir: string;
  testFile: string;
  /** The files the learner edits, by name (the same names in `solutions/`). */
  codeFiles: string[];
  hints: string[];
}

interface ExerciseMetadata {
  title: string;
  points: number;
  speedup?: boolean;
  workedExample?: boolean;
  timeoutSeconds?: number;
}

const EXERCISE_FOLDER = /^(\d{2})-([a-z0-9-]+)$/;
/** Enough for any exercise here on a busy 2-core machine; a hung exercise costs no more than this. */
const DEFAULT_TIMEOUT_SECONDS = 20;
const SPEEDUP_TIMEOUT_SECONDS = 60;

/** Every exercise under `exercisesDir`, in order. */
export function loadCurriculum(exercisesDir: string): Exercise[] {
  if (!existsSync(exercisesDir)) throw new CurriculumError(`no exercises folder at ${exercisesDir}`);
  return readdirSync(exercisesDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && EXERCISE_FOLDER.test(entry.name))
    .map((entry) => loadExercise(join(exercisesDir, entry.name)))
    .sort((a, b) => a.number - b.number);
}

function loadExercise(dir: string): Exercise {
  const id = dir.split("/").at(-1) ?? dir;
  const [, number = "0", slug = id] = EXERCISE_FOLDER.exec(id) ?? [];
  const metadata = readMetadata(join(dir, "exercise.json"));
  const files = readdirSync(dir);
  const testFiles = files.filter((file) => file.endsWith(".test.ts"));
  if (testFiles.length !== 1) {
    throw new CurriculumError(`${dir} must hold exactly one *.test.ts file; found ${testFiles.length}`);
  }
  const hintsFile = join(dir, "hints.md");
  if (!existsSync(hintsFile)) throw new CurriculumError(`${hintsFile} is missing: every exercise needs hints`);
  return {
    id,
    number: Number(number),
    slug,
    title: metadata.title,
    points: metadata.points,
    speedup: metadata.speedup ?? false,
    workedExample: metadata.workedExample ?? false,
    timeoutSeconds: metadata.timeoutSeconds ?? (metadata.speedup ? SPEEDUP_TIMEOUT_SECONDS : DEFAULT_TIMEOUT_SECONDS),
    dir,
    testFile: join(dir, testFiles[0] as string),
    codeFiles: files.filter((file) => file.endsWith(".ts") && !file.endsWith(".test.ts")).sort(),
    hints: readHints(hintsFile),
  };
}

function readMetadata(file: string): ExerciseMetadata {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new CurriculumError(
      `${file} could not be read (${(error as Error).message.split("\n")[0]}). It describes exercise ` +
        `${file.split("/").at(-2)} and ships with the workshop: restore it with \`git checkout -- ${file}\`.`,
    );
  }
  const metadata = parsed as Partial<ExerciseMetadata>;
  if (typeof metadata.title !== "string" || !Number.isInteger(metadata.points) || (metadata.points ?? -1) < 0) {
    throw new CurriculumError(
      `${file} needs a "title" (text) and "points" (a whole number, 0 or more); restore it with \`git checkout -- ${file}\`.`,
    );
  }
  return metadata as ExerciseMetadata;
}

/**
 * Finds one exercise from what a learner types: its number (`3`, `03`), its full id (`03-fibonacci`), or a
 * unique prefix of its slug (`fib`).
 */
export function findExercise(curriculum: Exercise[], query: string): Exercise {
  const wanted = query.trim().toLowerCase().replace(/\/$/, "");
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
