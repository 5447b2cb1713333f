import type { TopLevelSpec } from "@workshop/core/plot";
import { STATUS_MARK } from "../report/wording.ts";
import type { Cell, ClassReport, LearnerRow } from "./class-report.ts";
import { LEGEND } from "./summary.ts";

/**
 * The class report as one self-contained HTML page: the learner x exercise table with a reason in every cell,
 * pass rates per exercise, the distribution of measured speedups (an inline SVG), what to regrade, what could not
 * be graded, and a feedback section per learner. Nothing is fetched: the styles are inline and there is no
 * script, so it opens from a file, offline, and can be mailed. Every text from a result is escaped: learners'
 * names are file names, and messages quote what their code printed.
 */
export function classHtml(report: ClassReport, speedupSvg: string | undefined, generatedAt: string): string {
  const late = report.due !== undefined;
  const head = [
    "<th scope='col'>learner</th>",
    ...report.exercises.map(
      (e) =>
        `<th scope="col" data-exercise="${attr(e.id)}" title="${attr(`${e.id}: ${e.title}`)}">${text(e.id.slice(0, 2))}</th>`,
    ),
    "<th scope='col'>total</th>",
    ...(late ? ["<th scope='col'>due</th>"] : []),
  ].join("");
  const rows = report.learners.map((row) => {
    const cells = row.cells.map(cellHtml).join("");
    const due = late
      ? `<td class="due" data-timeliness="${attr(row.timeliness?.status ?? "unknown")}">${text(dueText(row))}</td>`
      : "";
    return (
      `<tr data-learner="${attr(row.learner)}"><th scope="row"><a href="#${anchor(row.learner)}">${text(row.learner)}</a></th>` +
      `${cells}<td class="total">${row.score}/${row.maxScore}</td>${due}</tr>`
    );
  });
  const passRates = report.exercises
    .map(
      (e) =>
        `<td data-exercise="${attr(e.id)}" data-pass-rate="${e.passRate.toFixed(3)}">${e.passed}/${report.learners.length}<br><small>${Math.round(e.passRate * 100)}%</small></td>`,
    )
    .join("");
  const sections = [
    `<h1>Class report</h1>`,
    `<p class="meta">${report.learners.length} learners · ${report.maxScore} points · generated ${text(generatedAt)}${
      report.due ? ` · due ${text(report.due)}` : ""
    }</p>`,
    `<section id="table"><h2>Learners × exercises</h2><div class="scroll"><table class="class-table"><thead><tr>${head}</tr></thead>` +
      `<tbody>${rows.join("")}</tbody><tfoot><tr><th scope="row">passed</th>${passRates}<td></td>${late ? "<td></td>" : ""}</tr></tfoot></table></div>` +
      `<p class="legend">${text(LEGEND)}</p></section>`,
    `<section id="speedups"><h2>Measured speedups</h2>${
      speedupSvg ?? "<p>No speedup was measured in these results.</p>"
    }<p class="legend">Each dot is one learner's measured speedup; the bar is what the exercise required on the grading machine's cores.</p></section>`,
    `<section id="to-regrade"><h2>To regrade</h2>${
      report.toRegrade.length === 0
        ? "<p>Nothing: no speedup is inconclusive.</p>"
        : `<p>The machine was too busy to time these speedups; nothing is wrong with the code. Run <code>pnpm instructor batch &lt;submissions&gt; --out &lt;results&gt; --inconclusive-only</code>.</p><ul>${report.toRegrade
            .map(
              ({ learner, exercise }) => `<li data-learner="${attr(learner)}">${text(learner)}: ${text(exercise)}</li>`,
            )
            .join("")}</ul>`
    }</section>`,
    report.notGraded.length + report.problems.length === 0
      ? ""
      : `<section id="not-graded"><h2>Not graded</h2><ul>${[
          ...report.notGraded.map((e) => e.problem),
          ...report.problems,
        ]
          .map((problem) => `<li>${text(problem)}</li>`)
          .join("")}</ul></section>`,
    `<section id="feedback"><h2>Feedback per learner</h2>${report.learners.map(feedbackHtml).join("")}</section>`,
  ];
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Class report</title>
<style>${STYLE}</style>
</head>
<body>
<main>
${sections.filter(Boolean).join("\n")}
</main>
</body>
</html>
`;
}

/** The speedup distribution for @workshop/core/plot's renderer: every measured speedup by exercise, and the bar. */
export function speedupChartSpec(report: ClassReport): TopLevelSpec | undefined {
  const points = report.exercises.flatMap((e) => e.speedups.map((s) => ({ exercise: e.id, ...s })));
  if (points.length === 0) return undefined;
  const required = report.exercises.flatMap((e) =>
    e.speedups.length === 0 ? [] : [{ exercise: e.id, required: Math.max(...e.speedups.map((s) => s.required)) }],
  );
  const y = { field: "exercise", type: "nominal", title: null } as const;
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    width: 480,
    height: { step: 36 },
    layer: [
      {
        data: { values: required },
        mark: { type: "tick", color: "#57606a", thickness: 2 },
        encoding: { x: { field: "required", type: "quantitative" }, y },
      },
      {
        data: { values: points },
        mark: { type: "point", filled: true, size: 70, opacity: 0.8 },
        encoding: {
          x: { field: "measured", type: "quantitative", title: "measured speedup (serial time / parallel time)" },
          y,
          color: { field: "verdict", type: "nominal", title: "verdict" },
          tooltip: [{ field: "learner" }, { field: "measured" }, { field: "verdict" }],
        },
      },
    ],
  };
}

function cellHtml(cell: Cell): string {
  if (!cell.graded || !cell.status) {
    return `<td class="cell not-graded" data-exercise="${attr(cell.exercise)}" data-status="not-graded">·<small>not graded</small></td>`;
  }
  const speedup = cell.measured === undefined ? "" : ` ${cell.measured.toFixed(2)}×`;
  return (
    `<td class="cell status-${cell.status}" data-exercise="${attr(cell.exercise)}" data-status="${cell.status}" ` +
    `data-reason="${attr(cell.reason ?? "")}"><span class="mark" aria-hidden="true">${STATUS_MARK[cell.status]}</span> ` +
    `${cell.points}${speedup}<small>${text(cell.label)}</small></td>`
  );
}

function dueText(row: LearnerRow): string {
  const timeliness = row.timeliness;
  if (!timeliness || timeliness.status === "unknown") return "time unknown";
  return timeliness.status === "late" ? `late by ${timeliness.by}` : "on time";
}

function feedbackHtml(row: LearnerRow): string {
  const facts: [string, string][] = [["score", `${row.score}/${row.maxScore}`]];
  if (row.submission) {
    const commit = row.submission.commit ? `, commit ${row.submission.commit.slice(0, 12)}` : "";
    facts.push(["submission", `${row.submission.layout}${row.submission.zip ? " (zip)" : ""}${commit}`]);
  }
  if (row.timeliness?.submittedAt) {
    facts.push(["submitted", `${row.timeliness.submittedAt} (${row.timeliness.source}): ${dueText(row)}`]);
  } else if (row.timeliness) facts.push(["submitted", "time unknown"]);
  if (row.provenance) {
    const p = row.provenance;
    facts.push([
      "graded",
      `${p.gradedAt} (${p.mode}) by grader ${p.grader}${p.workshopCommit ? ` at ${p.workshopCommit.slice(0, 12)}` : ""}, ` +
        `${p.cores} cores, load ${p.load.start} → ${p.load.end}`,
    ]);
  }
  if (row.gradings > 1) facts.push(["gradings", `${row.gradings} (inconclusive speedups graded again)`]);
  const needs =
    row.feedback.length === 0
      ? "<p>Every exercise passed.</p>"
      : `<ul>${row.feedback
          .map(
            (item) =>
              `<li data-exercise="${attr(item.exercise)}"><strong>${text(item.exercise)}</strong> ${text(item.title)}: ` +
              `<em>${text(item.label)}</em>${item.message ? `<pre>${text(item.message)}</pre>` : ""}</li>`,
          )
          .join("")}</ul>`;
  return (
    `<article id="${anchor(row.learner)}" data-learner="${attr(row.learner)}"><h3>${text(row.learner)}</h3>` +
    `<dl>${facts.map(([term, value]) => `<dt>${text(term)}</dt><dd>${text(value)}</dd>`).join("")}</dl>${needs}</article>`
  );
}

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
function text(value: string): string {
  return value.replace(/[&<>"']/g, (char) => ESCAPES[char] ?? char);
}
const attr = text;
/** An id for a learner's section: their name, with anything but letters, digits, `-` and `_` as `_`. */
function anchor(learner: string): string {
  return `learner-${learner.replace(/[^A-Za-z0-9_-]/g, "_")}`;
}

/** Colours chosen for WCAG AA contrast: dark text on light tints, never colour alone (each cell has its words). */
const STYLE = `
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1f2328;background:#fff;margin:0}
main{max-width:1200px;margin:0 auto;padding:1.5rem}
h1{margin:0 0 .25rem}h2{margin-top:2rem;border-bottom:1px solid #d0d7de;padding-bottom:.25rem}
.meta,.legend{color:#57606a}
.scroll{overflow-x:auto}
table{border-collapse:collapse}
th,td{border:1px solid #d0d7de;padding:.3rem .45rem;text-align:center;vertical-align:top}
tbody th,thead th:first-child{text-align:left}
td small{display:block;font-size:.75rem}
.status-passed{background:#dafbe1}
.status-failed,.status-timed-out,.status-crashed{background:#ffebe9}
.status-inconclusive{background:#fff8c5}
.status-tampered,.status-error{background:#fbefff}
.not-graded{color:#57606a;background:#f6f8fa}
.mark{font-weight:bold}
td.total{font-weight:bold}
td.due[data-timeliness=late]{background:#ffebe9}
article{border:1px solid #d0d7de;border-radius:6px;padding:.5rem 1rem;margin:1rem 0}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.1rem 1rem}dt{color:#57606a}dd{margin:0}
pre{white-space:pre-wrap;background:#f6f8fa;padding:.5rem;border-radius:4px;font-size:.85rem}
a{color:#0969da}
`;
