import { html, raw } from "hono/html";
import type { HtmlEscapedString } from "hono/utils/html";
import { STATUS_MARK } from "../report/wording.ts";
import type { Cell, ClassReport, ExerciseColumn, LearnerRow } from "./class-report.ts";
import { formatTime } from "./course-time.ts";
import { handedInNotes } from "./handed-in.ts";
import type { CodeSpan, SimilarityMatch } from "./similarity/similarity-report.ts";
import { LEGEND } from "./summary.ts";

type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

/**
 * The class report as one self-contained HTML page: the learner x exercise table (each column headed by its
 * exercise's title, a reason in every cell), pass rates per exercise, whose code is alike with the matching
 * fragments side by side, the distribution of measured speedups (an inline SVG), what to regrade, what could not
 * be graded, and a section per learner in the instructor's words. Nothing is fetched: the styles are inline and
 * there is no script, so it opens from a file, offline, and can be mailed.
 *
 * Every text is escaped by the templating itself (hono's `html`, as the workshop's browser app writes its pages):
 * a value is markup only when it is itself a template, so no field of a result file can become markup by being
 * forgotten. The speedup chart's SVG is the one piece let through as it is: @workshop/core's renderer wrote it.
 */
export function classHtml(report: ClassReport, speedupSvg: string | undefined, generatedAt: string): string {
  const late = report.due !== undefined;
  const zone = report.timeZone;
  const total = report.maxScore === undefined ? "each out of what was graded" : `${report.maxScore} points`;
  const page = html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Class report</title>
<style>${raw(STYLE)}</style>
</head>
<body>
<main>
<h1>Class report</h1>
<p class="meta">${report.learners.length} learners · ${total} · generated ${formatTime(generatedAt, zone)}${
    report.due ? html` · <strong>due ${formatTime(report.due, zone)}</strong>` : ""
  } · times in ${zone}</p>
<section id="table"><h2>Learners × exercises</h2><div class="scroll"><table class="class-table">
<thead><tr><th scope="col">learner</th>${report.exercises.map(columnHead)}<th scope="col">total</th>${
    late ? html`<th scope="col">due</th>` : ""
  }</tr></thead>
<tbody>${report.learners.map((row) => learnerRowHtml(row, late))}</tbody>
<tfoot><tr><th scope="row">passed</th>${report.exercises.map(passRateHtml)}<td></td>${late ? html`<td></td>` : ""}</tr></tfoot>
</table></div>
<p class="legend">${LEGEND}. A total is out of the exercises that learner's result graded. "Passed" counts an
inconclusive speedup (?): its tests passed and its split is parallel; only the timing is owed.</p></section>
${similaritySection(report)}
<section id="speedups"><h2>Measured speedups</h2>${speedupSvg ? raw(speedupSvg) : html`<p>No speedup was measured in these results.</p>`}
<p class="legend">Each dot is one learner's measured speedup; the bar is what the exercise required on the grading machine's cores.</p></section>
<section id="to-regrade"><h2>To regrade</h2>${
    report.toRegrade.length === 0
      ? html`<p>Nothing: no speedup is inconclusive.</p>`
      : html`<p>The machine was too busy to time these speedups; nothing is wrong with the code. Run <code>pnpm instructor batch &lt;submissions&gt; --out &lt;results&gt; --inconclusive-only</code>.</p>
<ul>${report.toRegrade.map(({ learner, exercise }) => html`<li data-learner="${learner}">${learner}: ${exercise}</li>`)}</ul>`
  }</section>
${
  report.notGraded.length + report.problems.length === 0
    ? ""
    : html`<section id="not-graded"><h2>Not graded</h2><ul>${[
        ...report.notGraded.map((entry) => entry.problem),
        ...report.problems,
      ].map((problem) => html`<li>${problem}</li>`)}</ul></section>`
}
<section id="feedback"><h2>Each learner, for the instructor</h2>${report.learners.map((row) => learnerSection(row, zone))}</section>
</main>
</body>
</html>
`;
  return rendered(page);
}

/** A column's head: the exercise's number, and its title in view (not only on hover). */
function columnHead(column: ExerciseColumn): Html {
  return html`<th scope="col" data-exercise="${column.id}"><span class="number">${column.id.slice(0, 2)}</span><span class="title">${column.title}</span><span class="points">${column.maxPoints} pts</span></th>`;
}

function learnerRowHtml(row: LearnerRow, late: boolean): Html {
  return html`<tr data-learner="${row.learner}"><th scope="row"><a href="#${anchor(row.learner)}">${row.learner}</a></th>${row.cells.map(
    cellHtml,
  )}<td class="total">${row.score}/${row.maxScore}</td>${
    late ? html`<td class="due" data-timeliness="${row.timeliness?.status ?? "unknown"}">${dueText(row)}</td>` : ""
  }</tr>`;
}

function cellHtml(cell: Cell): Html {
  if (!cell.graded || !cell.status) {
    return html`<td class="cell not-graded" data-exercise="${cell.exercise}" data-status="not-graded">·<small>not graded</small></td>`;
  }
  const speedup = cell.measured === undefined ? "" : ` ${cell.measured.toFixed(2)}×`;
  return html`<td class="cell status-${cell.status}" data-exercise="${cell.exercise}" data-status="${cell.status}" data-reason="${cell.reason ?? ""}"><span class="mark" aria-hidden="true">${STATUS_MARK[cell.status]}</span> ${cell.points}${speedup}<small>${cell.label}</small></td>`;
}

function passRateHtml(column: ExerciseColumn): Html {
  const pending = column.inconclusive > 0 ? html`<br><small>${column.inconclusive} inconclusive</small>` : "";
  return html`<td data-exercise="${column.id}" data-pass-rate="${column.passRate.toFixed(3)}">${column.passed + column.inconclusive}/${column.graded}<br><small>${Math.round(column.passRate * 100)}%</small>${pending}</td>`;
}

function dueText(row: LearnerRow): string {
  const timeliness = row.timeliness;
  if (!timeliness || timeliness.status === "unknown") return "time unknown";
  return timeliness.status === "late" ? `late by ${timeliness.by}` : "on time";
}

function similaritySection(report: ClassReport): Html {
  const similarity = report.similarity;
  if (!similarity) {
    return html`<section id="similarity"><h2>Similar code</h2><p>Not compared: these results came without the code that was graded (results of <code>pnpm instructor batch</code> keep it).</p></section>`;
  }
  const percent = Math.round(similarity.threshold * 100);
  return html`<section id="similarity"><h2>Similar code</h2>
<p>Code of one exercise at least ${percent}% alike to another learner's, or to the reference solution, by Dolos's
Winnowing over the code's syntax, names and comments; the starter counts for no one. It shows what is alike: whether
that is copying is for you to judge from the fragments. The threshold is <code>similarity.threshold</code> in
course.json.</p>
${
  similarity.matches.length === 0 ? html`<p class="none">No code is that alike.</p>` : similarity.matches.map(matchHtml)
}${similarity.notes.map((note) => html`<p class="legend">${note}</p>`)}</section>`;
}

function matchHtml(match: SimilarityMatch): Html {
  return html`<article class="match" data-exercise="${match.exercise}" data-left="${match.left}" data-right="${match.right}" data-similarity="${match.similarity.toFixed(3)}">
<h3>${match.exercise}/${match.file}: ${match.left} ~ ${match.right}${match.reference ? html` <span class="flag">the reference solution</span>` : ""} <span class="score">${Math.round(match.similarity * 100)}%</span></h3>
${match.fragments.map(
  ({ left, right }) =>
    html`<div class="fragment"><figure><figcaption>${match.left}, lines ${left.from}-${left.to}</figcaption>${codeHtml(left)}</figure><figure><figcaption>${match.right}, lines ${right.from}-${right.to}</figcaption>${codeHtml(right)}</figure></div>`,
)}
</article>`;
}

/** A fragment's lines, numbered. A long line scrolls: the region takes the keyboard's focus, to scroll it too. */
function codeHtml(span: CodeSpan): Html {
  return html`<pre tabindex="0"><code>${span.lines.map((line, index) => html`<span class="line" data-line="${span.from + index}">${line}</span>\n`)}</code></pre>`;
}

function learnerSection(row: LearnerRow, zone: string): Html {
  const facts: [string, string][] = [["score", `${row.score}/${row.maxScore}`]];
  if (row.submission) {
    const { submission } = row;
    const commit = submission.commit ? `, commit ${submission.commit.slice(0, 12)}` : "";
    const later = submission.laterCommits
      ? ` (the last before the due date; ${submission.laterCommits} later not graded)`
      : "";
    facts.push(["submission", `${submission.layout}${submission.zip ? " (zip)" : ""}${commit}${later}`]);
  }
  if (row.timeliness?.submittedAt) {
    facts.push([
      "submitted",
      `${formatTime(row.timeliness.submittedAt, zone)} (${row.timeliness.source}): ${dueText(row)}`,
    ]);
  } else if (row.timeliness) facts.push(["submitted", "time unknown"]);
  if (row.provenance) {
    const p = row.provenance;
    facts.push([
      "graded",
      `${formatTime(p.gradedAt, zone)} (${p.mode}) by grader ${p.grader}${p.workshopCommit ? ` at ${p.workshopCommit.slice(0, 12)}` : ""}, ` +
        `${p.cores} core${p.cores === 1 ? "" : "s"}, load ${p.load.start} → ${p.load.end}`,
    ]);
  }
  if (row.gradings > 1) facts.push(["gradings", `${row.gradings} (inconclusive speedups graded again)`]);
  for (const note of handedInNotes(row.submission)) facts.push(["handed in", note]);
  const notGraded = row.cells.filter((cell) => !cell.graded).map((cell) => cell.exercise);
  if (notGraded.length > 0) facts.push(["not graded", `${notGraded.join(", ")} (not asked of this result)`]);
  return html`<article id="${anchor(row.learner)}" data-learner="${row.learner}"><h3>${row.learner}</h3>
<dl>${facts.map(([term, value]) => html`<dt>${term}</dt><dd>${value}</dd>`)}</dl>${
    row.feedback.length === 0
      ? html`<p>Every exercise graded passed.</p>`
      : html`<ul>${row.feedback.map(
          (item) =>
            html`<li data-exercise="${item.exercise}"><strong>${item.exercise}</strong> ${item.title}: <em>${item.label}</em>. <span class="instructor">${item.instructor}</span>${
              item.message
                ? html`<details><summary>What the learner was told</summary><pre>${item.message}</pre></details>`
                : ""
            }</li>`,
        )}</ul>`
  }</article>`;
}

/** An id for a learner's section: their name, with anything but letters, digits, `-` and `_` as `_`. */
function anchor(learner: string): string {
  return `learner-${learner.replace(/[^A-Za-z0-9_-]/g, "_")}`;
}

/** The page as text: every part of it is synchronous, so hono's template is a string already. */
function rendered(page: Html): string {
  if (page instanceof Promise) throw new Error("the class report's template holds a promise: render it synchronously");
  return page.toString();
}

/** Colours chosen for WCAG AA contrast: dark text on light tints, never colour alone (each cell has its words). */
const STYLE = `
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1f2328;background:#fff;margin:0}
main{max-width:1280px;margin:0 auto;padding:1.5rem}
h1{margin:0 0 .25rem}h2{margin-top:2rem;border-bottom:1px solid #d0d7de;padding-bottom:.25rem}
.meta,.legend{color:#57606a}
.scroll{overflow-x:auto}
table{border-collapse:collapse}
th,td{border:1px solid #d0d7de;padding:.3rem .45rem;text-align:center;vertical-align:top}
tbody th,thead th:first-child{text-align:left}
thead th[data-exercise]{vertical-align:bottom;min-width:5.5rem;max-width:8rem;font-weight:normal}
thead .number{display:block;font-weight:bold}
thead .title{display:block;font-size:.75rem;line-height:1.2}
thead .points{display:block;font-size:.7rem;color:#57606a}
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
article.match h3{font-size:1rem;margin:.25rem 0 .5rem}
.score{font-weight:bold;background:#ffebe9;border-radius:4px;padding:0 .35rem}
.flag{font-size:.8rem;background:#fbefff;border-radius:4px;padding:0 .35rem}
.fragment{display:grid;grid-template-columns:1fr 1fr;gap:.75rem;margin:.5rem 0}
figure{margin:0;min-width:0}figcaption{font-size:.8rem;color:#57606a}
.fragment pre{margin:.2rem 0 0;overflow-x:auto;white-space:pre}
.line::before{content:attr(data-line);display:inline-block;width:2.5em;color:#57606a;user-select:none}
.instructor{display:block}
details summary{color:#57606a;cursor:pointer;font-size:.85rem}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.1rem 1rem}dt{color:#57606a}dd{margin:0}
pre{white-space:pre-wrap;background:#f6f8fa;padding:.5rem;border-radius:4px;font-size:.85rem}
a{color:#0969da}
`;
