import type { Exercise } from "@workshop/grader/curriculum";
import { html, raw } from "hono/html";
import type { RenderMarkdown } from "../lesson/markdown.ts";
import type { Html } from "./layout.ts";

/**
 * The hints seen so far, and a button for one more: the count is the one `pnpm grade hint` keeps, so a hint
 * seen in the terminal is shown here too, and the next one asked for here is the next one there.
 */
export function hintsPanel(exercise: Exercise, shown: number, render: RenderMarkdown): Html {
  const total = exercise.hints.length;
  const seen = exercise.hints.slice(0, shown);
  return html`<section class="hints" aria-labelledby="hints-title" data-shown="${shown}">
    <h2 id="hints-title">Hints</h2>
    <ol id="hint-list" class="hint-list">
      ${seen.map((hint, index) => hintItem(index + 1, total, hint, render))}
    </ol>
    ${
      shown < total
        ? html`<button type="button" id="next-hint" class="button" aria-controls="hint-list">
            Show hint ${shown + 1} of ${total}
          </button>`
        : html`<p class="hint-end">That was the last hint. Reread the task, or ask a neighbour or your instructor.</p>`
    }
  </section>`;
}

export function hintItem(number: number, total: number, hint: string, render: RenderMarkdown): Html {
  return html`<li class="hint" data-hint="${number}" tabindex="-1">
    <h3>Hint ${number} of ${total}</h3>
    ${raw(render(hint))}
  </li>`;
}
