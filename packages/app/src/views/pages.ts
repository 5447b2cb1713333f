import type { Exercise } from "@workshop/grader/curriculum";
import { html, raw } from "hono/html";
import type { Html } from "./layout.ts";

/** The lesson of an exercise with its live result and its hints, and links to the ones before and after. */
export function exercisePage(options: {
  exercise: Exercise;
  lessonHtml: string;
  result: Html;
  hints: Html;
  previous: Exercise | undefined;
  next: Exercise | undefined;
}): Html {
  const { exercise, previous, next } = options;
  return html`<article class="lesson" aria-labelledby="lesson-title">
      <p class="eyebrow">Exercise ${exercise.number} · ${exercise.points} points</p>
      <h1 id="lesson-title">${exercise.title}</h1>
      ${raw(options.lessonHtml)}
    </article>
    <aside class="live" aria-labelledby="result-title">
      <div class="live-header">
        <h2 id="result-title">Your result</h2>
        <button type="button" id="grade-now" class="button">Grade now</button>
      </div>
      <div id="result" aria-live="polite">${options.result}</div>
      ${options.hints}
    </aside>
    <nav class="pager" aria-label="Exercises before and after">
      ${previous ? html`<a rel="prev" href="/exercises/${previous.id}">← ${previous.number}. ${previous.title}</a>` : html`<span></span>`}
      ${next ? html`<a rel="next" href="/exercises/${next.id}">${next.number}. ${next.title} →</a>` : ""}
    </nav>`;
}

/** The start page: where the learner is, and how the app and the terminal go together. */
export function homePage(next: Exercise | undefined, done: number, total: number): Html {
  return html`<div class="home">
    <h1>Async TypeScript: a graded workshop</h1>
    <p>${done} of ${total} exercises done.</p>
    ${
      next
        ? html`<p class="next-step">Next: <a href="/exercises/${next.id}">${next.number}. ${next.title}</a></p>`
        : html`<p class="next-step">Every exercise passes. Well done!</p>`
    }
    <p>
      Edit the exercise's files in your editor as usual. Each time you save one, this page grades it again with the
      same grader as <code>pnpm grade</code>, and shows the result as soon as it is known.
    </p>
  </div>`;
}
