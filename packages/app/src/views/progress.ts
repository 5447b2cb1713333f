import type { Exercise } from "@workshop/grader/src/curriculum/load-curriculum.ts";
import { STATUS_MARK } from "@workshop/grader/src/report/wording.ts";
import type { ExerciseStatus } from "@workshop/grader/src/result.ts";
import { html } from "hono/html";
import type { Html } from "./layout.ts";

export interface ProgressView {
  curriculum: Exercise[];
  /** The latest verdict of each exercise: this session's, else the one the state file kept. */
  statuses: Record<string, ExerciseStatus>;
  /** Exercises being graded now. */
  grading: Set<string>;
  /** The exercise on screen, if any. */
  currentId?: string;
}

/** The next exercise to do: the first that has not passed, as `pnpm grade list` marks it. */
export function nextExercise(curriculum: Exercise[], statuses: Record<string, ExerciseStatus>): Exercise | undefined {
  return curriculum.find((exercise) => statuses[exercise.id] !== "passed");
}

/** The ten exercises with their verdicts, the next one marked, and how many are done. */
export function progressList(view: ProgressView): Html {
  const next = nextExercise(view.curriculum, view.statuses);
  const done = view.curriculum.filter((exercise) => view.statuses[exercise.id] === "passed").length;
  return html`<p class="progress-count">${done} of ${view.curriculum.length} done</p>
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
