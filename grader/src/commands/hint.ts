import pc from "picocolors";
import type { Exercise } from "../curriculum/load-curriculum.ts";
import { updateState } from "../state.ts";

/**
 * Shows one more hint each time it is asked, up to the last; how many were seen is kept in the state file, which
 * the CLI, watch mode and the browser app share. `again` says how to ask for the next one where the learner is.
 */
export function showNextHint(exercise: Exercise, stateFile: string, again: string): string {
  const { shown, hint } = nextHint(exercise, stateFile);
  const total = exercise.hints.length;
  const more =
    shown < total
      ? pc.dim(`${again} for hint ${shown + 1} of ${total}.`)
      : pc.dim("That was the last hint. Reread the README's task, or ask a neighbour or your instructor.");
  return `${pc.bold(`${exercise.id} · hint ${shown} of ${total}`)}\n\n${hint}\n\n${more}`;
}

/** Records that one more hint was seen, and returns it with its number (from 1). */
export function nextHint(exercise: Exercise, stateFile: string): { shown: number; hint: string } {
  let shown = 0;
  updateState(stateFile, (state) => {
    shown = Math.min((state.hintsShown[exercise.id] ?? 0) + 1, exercise.hints.length);
    state.hintsShown[exercise.id] = shown;
  });
  return { shown, hint: exercise.hints[shown - 1] ?? "" };
}
