import { renderSvg } from "@workshop/core/plot";
import type { ExerciseResult, SpeedupReport } from "@workshop/grader/results";
import { busyMachineNote, speedupSentence } from "@workshop/grader/results";
import { html, raw } from "hono/html";
import { speedupSpec, sweepSpec } from "../charts/speedup-charts.ts";
import type { Html } from "./layout.ts";

/** The learner's own plot of an efficiency exercise: the SVG their main() saves, when it has. */
export interface LearnerPlot {
  /** Where the page loads it from, changed whenever the file is, so that the browser loads it afresh. */
  url: string | undefined;
  /** The file as the learner knows it: `exercises/10-efficiency/efficiency.timings.svg`. */
  shownPath: string;
  /** How the learner makes it. */
  command: string;
  /** The samples in all of each row of the grader's sweep (exercise.json), fewer than main()'s. */
  sweepSamples: number;
}

/**
 * The measured speedup: the sentence every report uses, and the same as a chart (drawn by vega-lite at the
 * server, as the workshop's plots are). The SVG comes from numbers only, so it goes into the page as it is.
 * `told`: the verdict above gave the speedup and the machine's state in its message already, so the chart comes
 * alone (one figure per report).
 */
export async function speedupSection(speedup: SpeedupReport, told: boolean): Promise<Html> {
  const busy = told ? undefined : busyMachineNote(speedup);
  const chart = speedup.ratios.length > 0 ? await renderSvg(speedupSpec(speedup)) : undefined;
  return html`<section class="speedup" aria-labelledby="speedup-title">
    <h3 id="speedup-title">Speedup</h3>
    ${told ? "" : html`<p>${speedupSentence(speedup)}</p>`}
    ${busy ? html`<p class="note">${busy}</p>` : ""}
    ${
      chart
        ? html`<figure class="chart speedup-chart">
            ${raw(chart)}
            <figcaption>
              ${speedup.ratios.length} timed pairs, one task's time over the split's:
              ${speedup.ratios.map((ratio) => `${ratio.toFixed(2)}x`).join(", ")}
            </figcaption>
          </figure>`
        : ""
    }
  </section>`;
}

/**
 * The learner's plot beside the grader's timing of the same sweep on the same machine. The learner's SVG is
 * shown as an image, never put into the page: an image cannot run a script, whatever the file holds.
 */
export async function plotsSection(plot: LearnerPlot, result: ExerciseResult | undefined): Promise<Html> {
  const sweep = result?.speedup?.sweep;
  const overhead = result?.speedup?.overheadPerTaskUs;
  const graders = sweep?.length ? await renderSvg(sweepSpec(sweep, result?.speedup?.cores ?? 0)) : undefined;
  return html`<section class="plots" aria-labelledby="plots-title">
    <h3 id="plots-title">Your plot and the grader's sweep</h3>
    <div class="side-by-side">
      <figure class="chart learner-plot">
        ${
          plot.url
            ? html`<img src="${plot.url}" alt="Your plot: ${plot.shownPath}, as your main() saved it" />`
            : html`<p class="placeholder">No plot yet: run <code>${plot.command}</code> to save ${plot.shownPath}.</p>`
        }
        <figcaption>Your plot (${plot.shownPath})</figcaption>
      </figure>
      <figure class="chart sweep-chart">
        ${graders ? raw(graders) : html`<p class="placeholder">Grade the exercise to see the grader's timing of your sweep.</p>`}
        <figcaption>
          The grader's sweep of your code on this machine: ${plot.sweepSamples.toLocaleString("en")} samples a row,
          fewer than your main()'s, so its times are shorter. Its pool sends a row's tasks in batches, where your
          main() sends each in a message of its own, so a task costs it
          less${overhead === undefined ? "" : ` (${overhead.toFixed(1)} µs each, by the median of the slopes)`}.
        </figcaption>
      </figure>
    </div>
  </section>`;
}
