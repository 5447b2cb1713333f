// The instructor's class report in a real browser: `pnpm instructor summary <results> --html class.html` on the
// fixture class's results, opened in Debian's chromium as a file, as an instructor opens it. Every learner is
// there, each column under its exercise's title, the similar code side by side, each learner's section in the
// instructor's words, the speedups drawn, and the page holds WCAG AA (axe-core). The screenshots it leaves in
// .screenshots/ (class-report.png, class-report-similarity.png) are for a person to look at.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import AxeBuilder from "@axe-core/playwright";
import { loadCurriculum } from "@workshop/grader/curriculum";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromiumForTests, launchChromium } from "../support/chromium.ts";
import { screenshot } from "../support/screenshots.ts";

const chromiumPath = chromiumForTests("the class report");

const root = join(import.meta.dirname, "../../../..");
const results = join(root, "grader/test/fixtures/class-results");
/** The learners whose results the fixture holds, one file each. */
const learners = readdirSync(results)
  .filter((file) => file.endsWith(".json"))
  .map((file) => file.replace(/\.json$/, ""));
const curriculum = loadCurriculum(join(root, "exercises"));

describe.skipIf(!chromiumPath)("the class report in chromium", () => {
  let browser: Browser;
  let page: Page;
  const requests: string[] = [];
  let folder = "";

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), "class-report-"));
    const html = join(folder, "class.html");
    const summary = spawnSync(
      process.execPath,
      [join(root, "grader/bin/instructor.js"), "summary", results, "--html", html, "--time-zone", "Europe/Brussels"],
      { encoding: "utf8" },
    );
    // grace's 08 is inconclusive: the summary exits with 1 until it is regraded, and writes the report all the same.
    expect(summary.status, summary.stderr).toBe(1);
    expect(summary.stdout).toContain(`wrote ${html}`);
    browser = await launchChromium(chromiumPath ?? "");
    page = await (await browser.newContext({ viewport: { width: 1600, height: 1000 } })).newPage();
    page.on("request", (request) => requests.push(request.url()));
    await page.goto(pathToFileURL(html).href);
  });

  afterAll(async () => {
    await browser?.close();
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  it("shows every learner in the table, with a feedback section each", async () => {
    expect(learners.length).toBeGreaterThan(1);
    const rows = page.locator("table.class-table tbody tr");
    expect(await rows.evaluateAll((tr) => tr.map((row) => row.getAttribute("data-learner")))).toEqual(learners);
    for (const learner of learners) {
      expect(await page.locator(`#learner-${learner}`).isVisible(), learner).toBe(true);
    }
    // The whole report, past the window's height: the table, the similar code and each learner's section.
    const shot = await screenshot(browser, page.locator("main"), "class-report");
    expect(shot.colours, "a page with its table's colours, not a blank one").toBeGreaterThan(20);
  });

  it("heads each column with its exercise's title, in view", async () => {
    const heads = page.locator("thead th[data-exercise] .title");
    const titles = await heads.allTextContents();
    expect(titles.length).toBeGreaterThan(0);
    for (const title of titles) expect(curriculum.map((e) => e.title)).toContain(title);
    for (const head of await heads.all()) expect(await head.isVisible()).toBe(true);
    expect(await page.locator(".meta").textContent()).toContain("times in Europe/Brussels");
  });

  it("shows the similar code, both sides of each fragment, and each learner in the instructor's words", async () => {
    const matches = page.locator("#similarity article.match");
    expect(await matches.count()).toBeGreaterThan(0);
    const first = matches.first();
    expect(await first.locator(".score").textContent()).toMatch(/^\d+%$/);
    const sides = first.locator(".fragment").first().locator("pre");
    expect(await sides.count()).toBe(2);
    const [left, right] = [await sides.nth(0).boundingBox(), await sides.nth(1).boundingBox()];
    expect(right?.x ?? 0, "side by side").toBeGreaterThan((left?.x ?? 0) + (left?.width ?? 0) - 1);
    const shot = await screenshot(browser, page.locator("#similarity"), "class-report-similarity");
    expect(shot.inked, "the fragments are drawn").toBeGreaterThan(0.05);
    const sentence = page.locator("#feedback .instructor").first();
    expect(await sentence.isVisible()).toBe(true);
    expect(await sentence.textContent()).not.toMatch(/close other programs|pnpm grade/i);
    expect(await page.locator("#feedback details summary").first().textContent()).toBe("What the learner was told");
  });

  it("draws the measured speedups, with nothing fetched", async () => {
    const chart = page.locator("#speedups svg");
    expect(await chart.isVisible()).toBe(true);
    const box = await chart.boundingBox();
    expect(box?.width).toBeGreaterThan(200);
    expect(await chart.locator('[aria-roledescription="point"]').count()).toBeGreaterThan(0);
    const drawn = await screenshot(browser, chart, "class-report-speedups");
    expect(drawn.inked, "the chart is drawn").toBeGreaterThan(0.02);
    expect(requests.filter((url) => !url.startsWith("file:"))).toEqual([]);
  });

  it("holds WCAG AA contrast and structure (axe-core)", async () => {
    const checked = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
    expect(checked.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
    expect(checked.passes.some((rule) => rule.id === "color-contrast")).toBe(true);
  });
});
