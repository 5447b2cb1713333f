import pc from "picocolors";
import type { Exercise } from "../curriculum.ts";
import { loadState, saveState } from "../state.ts";

/** Shows one more hint each time it is asked, up to the last; progress is kept in the state file. */
export function showNextHint(exercise: Exercise, stateFile: string): string {
  const state = loadState(stateFile, (m) => process.stderr.write(`${m}\n`));
  const shown = Math.min((state.hintsShown[exercise.id] ?? 0) + 1, exercise.hints.length);
  state.hintsShown[exercise.id] = shown;
  saveState(stateFile, state);
  const hint = exercise.hints[shown - 1] ?? "";
  const more =
    shown < exercise.hints.length
      ? pc.dim(`Run the same command again for hint ${shown + 1} of ${exercise.hints.length}.`)
      : pc.dim("That was the last hint. Reread the README's task, or ask a neighbour or your instructor.");
  return `${pc.bold(`${exercise.id} · hint ${shown} of ${exercise.hints.length}`)}\n\n${hint}\n\n${more}`;
}
