import type { Exercise } from "@workshop/grader/curriculum";
import type { ExerciseResult, TestResult } from "@workshop/grader/results";
import {
  compactDiff,
  formatLocation,
  formatSeconds,
  reasonLabel,
  STATUS_MARK,
  TEST_MARK,
} from "@workshop/grader/results";
import { html } from "hono/html";
import type { Html } from "./layout.ts";
import { type LearnerPlot, plotsSection, speedupSection } from "./speedup.ts";

/** Enough of a learner's output to see what went wrong: the terminal shows twelve lines, a page has more room. */
const OUTPUT_LINES = 60;

export interface ResultView {
  exercise: Exercise;
  result: ExerciseResult | undefined;
  /** What the grader is doing now, when it is grading this exercise. */
  activity: string | undefined;
  /** Why the grader could not grade, when it could not. */
  graderError: string | undefined;
  next: Exercise | undefined;
  /** For an efficiency exercise: where the learner's own plot is. */
  plots?: LearnerPlot;
}

/**
 * The live result of an exercise: the verdict, then what to do about it — the failure with its place and diff,
 * the tests, type warnings, what the code printed, the speedup. Sent whole to the page on every verdict.
 */
export function resultPanel(view: ResultView): Html {
  const { result, exercise } = view;
  const activity = view.activity
    ? html`<p class="activity" role="status"><span class="spinner" aria-hidden="true"></span>Grading: ${view.activity}…</p>`
    : "";
  if (view.graderError) {
    return html`${activity}
      <div class="verdict status-error" data-status="error">
        <p class="verdict-line">${STATUS_MARK.error} The grader could not grade ${exercise.id}</p>
        <pre class="message">${view.graderError}</pre>
      </div>`;
  }
  if (!result) {
    return html`${activity}
      <p class="not-graded" data-status="none">
        ${view.activity ? "" : html`Not graded in this session yet: press <kbd>g</kbd> or save a file of ${exercise.id}.`}
      </p>
      ${view.plots ? plotsSection(view.plots, undefined) : ""}`;
  }
  const points = `${result.points}/${result.maxPoints} points`;
  // The reason, where it says more than the status does ("test failed", "timed out", "sequential split").
  const reason = reasonLabel(result.reason, result.speedup);
  const detail = [...(reason === result.status ? [] : [reason]), points, formatSeconds(result.durationMs)].join(" · ");
  return html`${activity}
    <div class="verdict status-${result.status}" data-status="${result.status}">
      <p class="verdict-line">
        <span aria-hidden="true">${STATUS_MARK[result.status]}</span> ${result.status}
        <span class="verdict-detail">· ${detail}</span>
      </p>
      ${result.message ? html`<pre class="message">${result.message}</pre>` : ""}
      ${result.location ? html`<p class="location">at <code>${formatLocation(result.location)}</code></p>` : ""}
      ${result.diff ? diffBlock(result.diff) : ""}
      ${result.review ? html`<p class="review">For review: ${result.review}</p>` : ""}
      ${result.status === "passed" ? passedNext(view.next) : ""}
    </div>
    ${result.speedup ? speedupSection(result.speedup, result.status !== "passed") : ""} ${view.plots ? plotsSection(view.plots, result) : ""}
    ${warnings(result.warnings)} ${testList(result.tests)} ${output(result.output)}`;
}

/**
 * Expected lines against received ones, marked by sign, label and colour as vitest's own diff: `- Expected` in
 * green (the value the test wanted), `+ Received` in red (what the code gave).
 */
function diffBlock(diff: string): Html {
  const lines = compactDiff(diff).split("\n");
  return html`<figure class="diff">
    <figcaption><span class="expected">- Expected</span> <span class="received">+ Received</span></figcaption>
    <pre>${lines.map((line) => {
      const kind = line.startsWith("-") ? "expected" : line.startsWith("+") ? "received" : "same";
      return html`<span class="${kind}">${line}</span>\n`;
    })}</pre>
  </figure>`;
}

function passedNext(next: Exercise | undefined): Html {
  if (!next) return html`<p class="next-step">Every exercise passes. Well done!</p>`;
  return html`<p class="next-step">On to <a href="/exercises/${next.id}">${next.number}. ${next.title}</a> (<kbd>n</kbd>).</p>`;
}

function warnings(list: string[]): Html | string {
  if (list.length === 0) return "";
  return html`<section class="warnings" aria-labelledby="warnings-title">
    <h3 id="warnings-title">Warnings (types and other notices; they do not fail the exercise)</h3>
    <ul>
      ${list.map((warning) => html`<li><pre>${warning}</pre></li>`)}
    </ul>
  </section>`;
}

function testList(tests: TestResult[]): Html | string {
  if (tests.length === 0) return "";
  const passed = tests.filter((test) => test.status === "passed").length;
  return html`<section class="tests" aria-labelledby="tests-title">
    <h3 id="tests-title">Tests: ${passed} of ${tests.length} passed</h3>
    <ul>
      ${tests.map(
        (test) => html`<li class="test test-${test.status}">
          <span aria-hidden="true">${TEST_MARK[test.status]}</span> ${test.name}
          <span class="visually-hidden">(${test.status})</span>
          ${test.status === "failed" && test.message ? html`<span class="test-message">: ${test.message.split("\n")[0]}</span>` : ""}
        </li>`,
      )}
    </ul>
  </section>`;
}

function output(text: string): Html | string {
  if (!text.trim()) return "";
  const lines = text.trimEnd().split("\n");
  const more = lines.length > OUTPUT_LINES ? `\n… ${lines.length - OUTPUT_LINES} more lines` : "";
  return html`<section class="output" aria-labelledby="output-title">
    <h3 id="output-title">Your code printed</h3>
    <pre>${lines.slice(0, OUTPUT_LINES).join("\n")}${more}</pre>
  </section>`;
}
