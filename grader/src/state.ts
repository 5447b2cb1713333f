import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { EXERCISE_STATUSES, type ExerciseStatus } from "./result.ts";

/** The learner's progress, kept on their machine only (gitignored). Losing it loses nothing that matters. */
export interface ProgressState {
  version: 1;
  /** How many hints of each exercise the learner has seen. */
  hintsShown: Record<string, number>;
  /** The latest verdict of each exercise the learner has graded. */
  lastStatus: Record<string, ExerciseStatus>;
}

const EMPTY: ProgressState = { version: 1, hintsShown: {}, lastStatus: {} };

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
    return { version: 1, hintsShown: { ...parsed.hintsShown }, lastStatus };
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

/** Writes the state file atomically (write a temporary file, then rename), so a crash never leaves half a file. */
export function saveState(file: string, state: ProgressState): void {
  mkdirSync(dirname(file), { recursive: true });
  const temporary = `${file}.tmp-${process.pid}`;
  writeFileSync(temporary, `${JSON.stringify(state, null, 2)}\n`);
  renameSync(temporary, file);
}
