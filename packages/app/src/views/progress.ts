import type { Exercise } from "@workshop/grader/curriculum";
import type { ExerciseStatus } from "@workshop/grader/results";
import { STATUS_MARK } from "@workshop/grader/results";
import { html } from "hono/html";
import type { Html } from "./layout.ts";

export interface ProgressView {
  curriculum: Exercise[];
  /** The latest verdict of each exercise: this session's, else the one the state file kept. */
  statuses: Record<string, ExerciseStatus>;
  /** The exercises that earned their points (`earnedItsPoints`): a pass, or a speedup the course counts untimed. */
  done: Set<string>;
  /** Exercises being graded now. */
  grading: Set<string>;
  /** The exercise on screen, if any. */
  currentId?: string;
}

/** The next exercise to do: the first that is not done. */
export function nextExercise(curriculum: Exercise[], done: Set<string>): Exercise | undefined {
  return curriculum.find((exercise) => !done.has(exercise.id));
}

/** The ten exercises with their verdicts, the next one marked, and how many are done. */
export function progressList(view: ProgressView): Html {
  const next = nextExercise(view.curriculum, view.done);
  return html`<p class="progress-count">${view.done.size} of ${view.curriculum.length} done</p>
    <ol class="exercises">
      ${view.curriculum.map((exercise) => {
        const status = view.statuses[exercise.id];
        const grading = view.grading.has(exercise.id);
        const label = grading ? "grading" : (status ?? "not graded yet");
        return html`<li
          class="exercise-item${exercise === next ? " next" : ""}"
          data-id="${exercise.id}"
          data-status="${status ?? "none"}"
        >
          <a href="/exercises/${exercise.id}" ${exercise.id === view.currentId ? html`aria-current="page"` : ""}>
            <span class="mark status-${status ?? "none"}" aria-hidden="true">${status ? STATUS_MARK[status] : "·"}</span>
            <span class="title">${exercise.number}. ${exercise.title}</span>
            <span class="visually-hidden">: ${label}</span>
            ${exercise === next ? html`<span class="next-badge">next</span>` : ""}
          </a>
        </li>`;
      })}
    </ol>`;
}
