// The HTML class report on the fixture results (grader/test/fixtures/class-results, with the code its results
// graded in _code): one self-contained page whose columns carry their exercises' titles, whose pass rates count
// what was graded, whose similarity section shows the matches with their fragments, and whose per-learner
// sections are worded for the instructor; every text escaped by the templating.
import type { TopLevelSpec } from "@workshop/core/plot";
import { renderSvg } from "@workshop/core/plot";
import { parseHTML } from "linkedom";
import { beforeAll, describe, expect, it } from "vitest";
import { classHtml } from "../../src/classroom/class-html.ts";
import { buildClassReport } from "../../src/classroom/class-report.ts";
import { loadClassResults } from "../../src/classroom/class-results.ts";
import { gradedCodeOf } from "../../src/classroom/graded-code.ts";
import type { LearnerResult } from "../../src/classroom/learner-result.ts";
import { compareClassCode } from "../../src/classroom/similarity/compare-code.ts";
import { speedupChartSpec } from "../../src/classroom/speedup-chart.ts";
import { loadCurriculum } from "../../src/curriculum/load-curriculum.ts";
import { workshop } from "../../src/paths.ts";
import { fixture } from "../run-grader.ts";

const curriculum = loadCurriculum(workshop.exercises);
/** An element of a page parsed by linkedom (the grader's TypeScript has no DOM library of its own). */
type Element = NonNullable<ReturnType<ReturnType<typeof parseHTML>["document"]["querySelector"]>>;

const loaded = loadClassResults(fixture("class-results"));
const report = buildClassReport(curriculum, loaded, { timeZone: "Europe/Brussels", due: "2026-11-30T13:00:00.000Z" });
report.similarity = compareClassCode(curriculum, {
  learners: gradedCodeOf(fixture("class-results"), ["ada", "grace", "linus"]) ?? [],
  solutions: workshop.solutions,
  threshold: 0.6,
});
let html = "";
beforeAll(async () => {
  const spec = speedupChartSpec(report);
  expect(spec).toBeDefined();
  html = classHtml(report, await renderSvg(spec as TopLevelSpec), "2026-07-08T12:00:00.000Z");
});
const page = () => parseHTML(html).document;
const texts = (elements: Iterable<Element>) => [...elements].map((element) => element.textContent);

describe("the HTML class report", () => {
  it("is one self-contained page: inline styles, no script, nothing fetched", () => {
    const document = page();
    expect(document.querySelectorAll("script, link, img, iframe, object, embed")).toHaveLength(0);
    expect(document.querySelectorAll("style")).toHaveLength(1);
    for (const element of document.querySelectorAll("[src], [href]")) {
      expect(element.getAttribute("href") ?? element.getAttribute("src")).toMatch(/^#/);
    }
    expect(html).not.toMatch(/url\(|@import/);
  });

  it("heads each column with its exercise's number, title and points, and says the course's time zone", () => {
    const document = page();
    const heads = [...document.querySelectorAll("thead th[data-exercise]")];
    expect(heads.map((th) => th.textContent)).toEqual(
      report.exercises.map((e) => `${e.id.slice(0, 2)}${e.title}${e.maxPoints} pts`),
    );
    expect(document.querySelector(".meta")?.textContent).toBe(
      "3 learners · each out of what was graded · generated 2026-07-08 14:00 Europe/Brussels · " +
        "due 2026-11-30 14:00 Europe/Brussels · times in Europe/Brussels",
    );
  });

  it("has the learner x exercise table, a reason in every cell, totals of what was graded, and pass rates", () => {
    const document = page();
    const rows = [...document.querySelectorAll("table.class-table tbody tr")];
    expect(rows.map((row) => row.getAttribute("data-learner"))).toEqual(["ada", "grace", "linus"]);
    const grace = rows[1] as Element;
    const cells = [...grace.querySelectorAll("td.cell")];
    expect(cells.map((cell) => cell.getAttribute("data-reason"))).toEqual([
      "passed",
      "passed",
      "test-failed",
      "timed-out",
      "escaped-error",
      "passed",
      "crashed",
      "inconclusive",
      "speedup-failed",
      "syntax-error",
    ]);
    expect(cells[8]?.textContent).toContain("kernel on main thread");
    expect(grace.querySelector("td.due")?.textContent).toBe("late by 1 h 3 min");
    expect((rows[2] as Element).querySelector("td.total")?.textContent).toBe("10/15");
    const rates = [...document.querySelectorAll("tfoot td[data-pass-rate]")].map((td) =>
      td.getAttribute("data-pass-rate"),
    );
    expect(rates).toEqual(["1.000", "1.000", "0.333", "0.500", "0.500", "1.000", "0.500", "1.000", "0.500", "0.500"]);
    expect(document.querySelector('tfoot td[data-exercise="08-pi-split"]')?.textContent).toBe("2/2100%1 inconclusive");
  });

  it("shows whose code is alike, with the score and the matching fragments of both side by side", () => {
    const matches = [...page().querySelectorAll("#similarity article.match")];
    expect(matches.map((m) => `${m.getAttribute("data-left")} ~ ${m.getAttribute("data-right")}`)).toEqual([
      "ada ~ reference solution",
      "grace ~ linus",
    ]);
    const [reference, pair] = matches as [Element, Element];
    expect(reference.getAttribute("data-exercise")).toBe("03-fibonacci");
    expect(reference.querySelector(".score")?.textContent).toBe("100%");
    expect(reference.querySelector(".flag")?.textContent).toBe("the reference solution");
    const [mine, theirs] = [...reference.querySelectorAll(".fragment figure")] as [Element, Element];
    expect(mine.querySelector("figcaption")?.textContent).toMatch(/^ada, lines \d+-\d+$/);
    expect(theirs.querySelector("figcaption")?.textContent).toMatch(/^reference solution, lines \d+-\d+$/);
    expect(mine.querySelector("code")?.textContent).toBe(theirs.querySelector("code")?.textContent);
    expect(mine.querySelector("code")?.textContent).toContain(
      "[current, following] = [following, current + following];",
    );
    expect(Number(pair.getAttribute("data-similarity"))).toBeGreaterThanOrEqual(0.6);
    expect(pair.querySelectorAll(".fragment").length).toBeGreaterThan(0);
  });

  it("shows the distribution of measured speedups as an inline SVG, and what to regrade", () => {
    const document = page();
    const svg = document.querySelector("#speedups svg");
    expect(svg).not.toBeNull();
    // One dot per measured speedup (ada's three and grace's 08), and a bar per exercise measured.
    expect(svg?.querySelectorAll("path[aria-roledescription='point']")).toHaveLength(4);
    expect(svg?.querySelectorAll("path[aria-roledescription='tick']")).toHaveLength(3);
    expect(texts(document.querySelectorAll("#to-regrade li"))).toEqual(["grace: 08-pi-split"]);
  });

  it("has a section per learner in the instructor's words, the learner's message kept apart", () => {
    const articles = [...page().querySelectorAll("#feedback article")];
    expect(articles.map((a) => a.id)).toEqual(["learner-ada", "learner-grace", "learner-linus"]);
    const grace = articles[1] as Element;
    expect([...grace.querySelectorAll("li")].map((li) => li.getAttribute("data-exercise"))).toEqual([
      "03-fibonacci",
      "04-line-numbers",
      "05-gather-counters",
      "07-pi-in-a-thread",
      "08-pi-split",
      "09-script-with-main",
      "10-efficiency",
    ]);
    expect(grace.textContent).toContain("graded2026-11-30 15:02 Europe/Brussels (graded) by grader 0.0.0, 2 cores");
    const inconclusive = grace.querySelector('li[data-exercise="08-pi-split"]');
    expect(inconclusive?.querySelector(".instructor")?.textContent).toMatch(
      /^The tests pass and the split is parallel; the grading machine was too busy to time the speedup/,
    );
    expect(inconclusive?.querySelector("details summary")?.textContent).toBe("What the learner was told");
    expect((articles[2] as Element).textContent).toContain("not graded04-line-numbers, 05-gather-counters");
  });

  it("escapes every text by its templating: a learner's name is never markup", () => {
    const [first] = loaded.results;
    const name = "<img src=x onerror=alert(1)>";
    const hostile = { ...loaded, results: [{ ...(first as LearnerResult), learner: name }] };
    const escaped = classHtml(buildClassReport(curriculum, hostile, { timeZone: "UTC" }), undefined, "now");
    expect(escaped).not.toContain("<img");
    expect(parseHTML(escaped).document.querySelector("tbody th")?.textContent).toBe(name);
  });
});
