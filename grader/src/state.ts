import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { workshop } from "./paths.ts";
import { EXERCISE_STATUSES, type ExerciseResult, type ExerciseStatus } from "./result.ts";

/** Where the learner's progress is kept: `pnpm grade` and the browser app share it. */
export const progressFile = join(workshop.state, "state.json");

/** The learner's progress, kept on their machine only (gitignored). Losing it loses nothing that matters. */
export interface ProgressState {
  version: 1;
  /** How many hints of each exercise the learner has seen. */
  hintsShown: Record<string, number>;
  /** The latest verdict of each exercise the learner has graded. */
  lastStatus: Record<string, ExerciseStatus>;
  /**
   * The latest result of each exercise, whoever graded it (`pnpm grade`, watch mode, the browser app), and when:
   * an open app shows a grade made in the terminal as soon as it is written here.
   */
  lastResult: Record<string, GradedResult>;
}

export interface GradedResult {
  /** When the verdict was given, as an ISO date. */
  gradedAt: string;
  result: ExerciseResult;
}

const EMPTY: ProgressState = { version: 1, hintsShown: {}, lastStatus: {}, lastResult: {} };

/**
 * Reads the state file. A missing file is a fresh start; a corrupt one is set aside (kept, renamed) and
 * rebuilt, with a notice, since nobody should lose a grading run to a half-written JSON file.
 */
export function loadState(file: string, warn: (message: string) => void = () => {}): ProgressState {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    return structuredClone(EMPTY);
  }
  try {
    const parsed = JSON.parse(text) as Partial<ProgressState>;
    if (parsed.version !== 1 || typeof parsed.hintsShown !== "object" || typeof parsed.lastStatus !== "object") {
      throw new Error("unexpected shape");
    }
    // A status an older grader wrote, and this one no longer gives, is forgotten: the next grade says it anew.
    const lastStatus = Object.fromEntries(
      Object.entries(parsed.lastStatus ?? {}).filter(([, status]) => EXERCISE_STATUSES.includes(status)),
    );
    // A result is kept only beside its status (an older file has none, a reset removed both), and only whole.
    const lastResult = Object.fromEntries(
      Object.entries(parsed.lastResult ?? {}).filter(
        ([id, graded]) =>
          typeof graded?.gradedAt === "string" &&
          graded.result?.id === id &&
          graded.result.status === lastStatus[id] &&
          Array.isArray(graded.result.tests),
      ),
    );
    return { version: 1, hintsShown: { ...parsed.hintsShown }, lastStatus, lastResult };
  } catch {
    const aside = `${file}.corrupt-${Date.now()}`;
    renameSync(file, aside);
    warn(`Your progress file was unreadable; it was moved to ${aside} and progress will be rebuilt as you grade.`);
    return structuredClone(EMPTY);
  }
}

/** Changes the state file with `change`, read afresh: another grader process may have written it meanwhile. */
export function updateState(file: string, change: (state: ProgressState) => void): ProgressState {
  const state = loadState(file);
  change(state);
  saveState(file, state);
  return state;
}

/** Records an exercise's verdict and its whole result, for `pnpm grade list`, watch mode and the browser app. */
export function recordResult(file: string, result: ExerciseResult, gradedAt = new Date()): void {
  updateState(file, (state) => {
    state.lastStatus[result.id] = result.status;
    state.lastResult[result.id] = { gradedAt: gradedAt.toISOString(), result };
  });
}

/** Forgets an exercise's verdict and result: its files were put back to the starter. */
export function forgetResult(state: ProgressState, id: string): void {
  delete state.lastStatus[id];
  delete state.lastResult[id];
}

/** Writes the state file atomically (write a temporary file, then rename), so a crash never leaves half a file. */
export function saveState(file: string, state: ProgressState): void {
  mkdirSync(dirname(file), { recursive: true });
  const temporary = `${file}.tmp-${process.pid}`;
  writeFileSync(temporary, `${JSON.stringify(state, null, 2)}\n`);
  renameSync(temporary, file);
}
