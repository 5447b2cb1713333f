// The workshop in a real browser: `pnpm workshop` serving a copy of the workshop, Debian's chromium driven by
// playwright-core. Each test is a thing a learner does: read lesson 01 with its diagram, save a solution and
// watch the page turn green, ask for hints, look at the speedup of exercise 10, work from the keyboard; the
// colours are checked with axe-core, the screenshots are looked at pixel by pixel, and a page whose server went
// away says so. The tests share one app and one browser, in order, as one learner's session would.
import { execFileSync } from "node:child_process";
import { copyFileSync, readFileSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { loadCurriculum } from "@workshop/grader/curriculum";
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningApp, startAppInCopy } from "../support/app-in-copy.ts";
import { chromiumForTests, launchChromium } from "../support/chromium.ts";
import { freePort } from "../support/free-port.ts";
import { screenshot } from "../support/screenshots.ts";

const chromiumPath = chromiumForTests("the workshop app");

/** The page's colours the screenshots look for (src/client/style.css). */
const COLOUR = {
  passedBackground: "#e7f5ec",
  failedBackground: "#fdecee",
  banner: "#a0111f",
  chartPoint: "#1f4e9a",
  focusRing: "#1d4ed8",
  nextBadge: "#1d4ed8",
  /** A diff's expected lines, in the green of a pass, and its received lines, in the red of a failure. */
  expected: "#0b6b2e",
  received: "#a0111f",
};

/** A colour as the browser's computed style gives it. */
function rgb(hex: string): string {
  const [r, g, b] = [1, 3, 5].map((at) => Number.parseInt(hex.slice(at, at + 2), 16));
  return `rgb(${r}, ${g}, ${b})`;
}

const SOLVED_FIRST = [
  ["06-async-timer", "async-timer.ts"],
  ["08-pi-split", "pi-split.ts"],
  ["10-efficiency", "efficiency.ts"],
] as const;

describe.skipIf(!chromiumPath)("the workshop app in chromium", () => {
  let app: RunningApp;
  let browser: Browser;
  let page: Page;
  let port: number;
  /** Every request any page made: all of them must go to the app itself. */
  const requests: string[] = [];
  const consoleErrors: string[] = [];
  const exercises = (id: string) => join(app.root, "exercises", id);
  const solutions = (id: string) => join(app.root, "solutions", id);
  const copySolution = (id: string, file: string) => copyFileSync(join(solutions(id), file), join(exercises(id), file));

  beforeAll(async () => {
    port = await freePort();
    // Exercise 10 builds on 06 and 08: they are solved before the app starts, so that saving them grades nothing.
    const solveTenAndWhatItUses = (root: string) => {
      for (const [id, file] of SOLVED_FIRST)
        copyFileSync(join(root, "solutions", id, file), join(root, "exercises", id, file));
    };
    [app, browser] = await Promise.all([
      startAppInCopy(["--port", String(port)], solveTenAndWhatItUses),
      launchChromium(chromiumPath ?? ""),
    ]);
    // A context of its own, as axe-core needs to run its checks across frames.
    page = await (await browser.newContext({ viewport: { width: 1920, height: 1080 } })).newPage();
    page.on("request", (request) => requests.push(request.url()));
    page.on("console", (message) => {
      if (message.type() === "error") consoleErrors.push(message.text());
    });
    page.on("pageerror", (error) => consoleErrors.push(error.message));
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it("serves lesson 01 on the port asked for, with its sequence diagram drawn as SVG", async () => {
    expect(app.url).toBe(`http://127.0.0.1:${port}/`);
    const readme = join(exercises("01-integers"), "README.md");
    const blocks = [...readFileSync(readme, "utf8").matchAll(/```mermaid\n([\s\S]*?)```/g)].map((m) => m[1] ?? "");

    await page.goto(`${app.url}exercises/01-integers`);
    await expect.poll(() => page.locator("pre.mermaid svg").count(), { timeout: 15_000 }).toBe(blocks.length);
    const diagram = page.locator("pre.mermaid svg").first();
    expect(await diagram.getAttribute("aria-roledescription")).toBe("sequence");
    // The diagram says what its source says: the first participant's label is drawn in it.
    const firstLabel = /participant \S+ as (.+)/.exec(blocks[0] ?? "")?.[1]?.trim() ?? "";
    expect(firstLabel).not.toBe("");
    expect(await diagram.textContent()).toContain(firstLabel);
    await expect.poll(() => page.locator("h1").textContent()).toContain("Integers");
    // Highlighted code: the lesson's TypeScript comes in coloured spans.
    expect(await page.locator("pre.shiki span[style]").count()).toBeGreaterThan(10);

    const whole = await screenshot(browser, page, "lesson-01");
    expect(whole.colours, "a page of text, code and a diagram has many colours").toBeGreaterThan(40);
    expect(whole.inked, "and ink on a fair part of it").toBeGreaterThan(0.05);
    const drawn = await screenshot(browser, diagram, "lesson-01-diagram");
    expect(drawn.width).toBeGreaterThan(200);
    expect(drawn.inked, "the diagram's boxes, lines and labels").toBeGreaterThan(0.03);
  });

  it("grades an opened exercise, and turns it green within 2 s of saving its solution, with no reload", async () => {
    await page.goto(`${app.url}exercises/01-integers`);
    await page.locator('#result .verdict[data-status="failed"]').waitFor({ timeout: 60_000 });
    const failed = await screenshot(browser, page.locator("#result .verdict"), "result-01-failed", [
      COLOUR.failedBackground,
    ]);
    expect(failed.near[COLOUR.failedBackground], "a failed verdict on its red background").toBeGreaterThan(0.3);
    expect(await page.locator("#result .location").textContent()).toMatch(
      /exercises\/01-integers\/integers\.ts:\d+:\d+/,
    );
    await page.evaluate(() => {
      (window as { sameDocument?: boolean }).sameDocument = true;
    });

    const saved = performance.now();
    copySolution("01-integers", "integers.ts");
    await page.locator('#result .verdict[data-status="passed"]').waitFor({ timeout: 30_000 });
    const elapsedMs = performance.now() - saved;
    // The bound, from the save to the green verdict on screen: the session is warm, and the grade of a
    // small exercise takes well under a second here (the type check is most of it).
    console.info(`save to green: ${Math.round(elapsedMs)} ms`);
    expect(elapsedMs, `green ${Math.round(elapsedMs)} ms after the save`).toBeLessThan(2000);
    expect(await page.evaluate(() => (window as { sameDocument?: boolean }).sameDocument), "no reload").toBe(true);
    // The progress moved on: 01 passed, 02 is next.
    expect(await page.locator('#progress li[data-id="01-integers"]').getAttribute("data-status")).toBe("passed");
    expect(await page.locator("#progress li.next").getAttribute("data-id")).toBe("02-even-numbers");
    const passed = await screenshot(browser, page.locator("#result .verdict"), "result-01-passed", [
      COLOUR.passedBackground,
    ]);
    expect(passed.near[COLOUR.passedBackground], "a passed verdict on its green background").toBeGreaterThan(0.3);
    // The learner's progress is the CLI's: `pnpm grade list` reads the same verdict.
    const state = JSON.parse(readFileSync(join(app.root, ".workshop/state.json"), "utf8"));
    expect(state.lastStatus["01-integers"]).toBe("passed");
  });

  it("shows a failure with its diff, type warnings and the code's own output, escaped", async () => {
    writeFileSync(
      join(exercises("03-fibonacci"), "fibonacci.ts"),
      [
        "export function* fibonacci(): Generator<number, never, undefined> {",
        '  const label: number = "fib";',
        '  console.log("<b>not bold</b>", label);',
        "  let current = 1;",
        "  let next = 2;",
        "  while (true) {",
        "    yield current;",
        "    [current, next] = [next, current + next];",
        "  }",
        "}",
        "",
      ].join("\n"),
    );
    await page.goto(`${app.url}exercises/03-fibonacci`);
    await page.locator('#result .verdict[data-status="failed"]').waitFor({ timeout: 60_000 });
    expect(await page.locator("#result .diff .expected").count()).toBeGreaterThan(0);
    expect(await page.locator("#result .diff .received").count()).toBeGreaterThan(0);
    // As vitest's own diff: what the test expected in green, what the code gave in red, labelled so.
    expect(await page.locator("#result .diff figcaption").textContent()).toMatch(/- Expected\s+\+ Received/);
    const colourOf = (selector: string) =>
      page
        .locator(selector)
        .first()
        .evaluate((line) => getComputedStyle(line).color);
    expect(await colourOf("#result .diff pre .expected")).toBe(rgb(COLOUR.expected));
    expect(await colourOf("#result .diff pre .received")).toBe(rgb(COLOUR.received));
    expect(await page.locator("#result .warnings").textContent()).toMatch(/fibonacci\.ts:2:\d+.*not assignable/s);
    expect(await page.locator("#result .output pre").textContent()).toContain("<b>not bold</b> fib");
    expect(await page.locator("#result b").count(), "the learner's output is text, never markup").toBe(0);
    await screenshot(browser, page, "result-03-diff");
    await screenshot(browser, page.locator("#result .diff"), "result-03-diff-block", [
      COLOUR.expected,
      COLOUR.received,
    ]);
  });

  it("reveals hints one at a time, counted with the CLI's `pnpm grade hint`", async () => {
    await page.goto(`${app.url}exercises/02-even-numbers`);
    const hints = page.locator(".hint");
    const button = page.locator("#next-hint");
    expect(await hints.count()).toBe(0);
    expect(await button.textContent()).toMatch(/Show hint 1 of 3/);

    await button.click();
    await expect.poll(() => hints.count()).toBe(1);
    expect(await hints.first().textContent()).toContain("yield n");
    expect(await page.locator("#next-hint").textContent()).toMatch(/Show hint 2 of 3/);
    expect(hintsSeen(app.root, "02-even-numbers")).toBe(1);

    // The terminal shows the next one, and the open page shows it too, with no reload.
    const cli = execFileSync(process.execPath, [join(app.root, "grader/bin/grade.js"), "hint", "2"], {
      encoding: "utf8",
      env: { ...process.env, NO_COLOR: "1", WORKSHOP_STATE_DIR: join(app.root, ".workshop") },
    });
    expect(cli).toContain("hint 2 of 3");
    await expect.poll(() => page.locator(".hint").count(), { timeout: 10_000 }).toBe(2);

    await page.locator("#next-hint").click();
    await expect.poll(() => page.locator(".hint").count()).toBe(3);
    expect(await page.locator(".hint-end").textContent()).toMatch(/last hint/);
    expect(await page.locator("#next-hint").count()).toBe(0);
    expect(hintsSeen(app.root, "02-even-numbers")).toBe(3);
    await screenshot(browser, page.locator(".hints"), "hints-02");
  });

  it.skipIf(availableParallelism() < 2)(
    "draws exercise 10's speedup chart, and the learner's plot beside the grader's sweep",
    async () => {
      await page.goto(`${app.url}exercises/10-efficiency`);
      expect(await page.locator(".learner-plot .placeholder").textContent()).toMatch(/No plot yet/);
      // The lesson's code is all in sight in its column: no block is wider than the room it has.
      const cut = await page
        .locator(".lesson pre")
        .evaluateAll((blocks) => blocks.filter((block) => block.scrollWidth > block.clientWidth + 1).length);
      expect(cut, "code blocks cut off at the column's edge").toBe(0);
      await screenshot(browser, page.locator(".lesson pre", { hasText: "scale: { domain" }), "lesson-10-code");
      await expect
        .poll(() => page.locator(".lesson pre", { hasText: "scale: { domain: [1, 4] }" }).isVisible())
        .toBe(true);
      await page
        .locator('#result .verdict[data-status="passed"], #result .verdict[data-status="inconclusive"]')
        .waitFor({ timeout: 150_000 });
      const chart = page.locator(".speedup-chart svg");
      const caption = (await page.locator(".speedup-chart figcaption").textContent()) ?? "";
      const ratios = Number(/(\d+) timed pairs/.exec(caption)?.[1]);
      expect(ratios).toBeGreaterThan(0);
      expect(await chart.locator('[aria-roledescription="point"]').count(), "a point per timed pair").toBe(ratios);
      const chartText = (await chart.textContent()) ?? "";
      for (const label of [/median \d\.\d\dx/, /required \d\.\d\dx/, /ideal on \d+ cores/])
        expect(chartText).toMatch(label);
      // The median line is labelled with the median of the pairs drawn filled (the window that decided; a busy
      // machine's earlier windows are hollow), and no point lies under a label.
      const filled = chart.locator(`[aria-roledescription="point"][fill="${COLOUR.chartPoint}"]`);
      const filledRatios = (await filled.evaluateAll((points) => points.map((p) => p.getAttribute("aria-label") ?? "")))
        .map((label) => Number(/ratio: ([\d.]+)/.exec(label)?.[1]))
        .sort((a, b) => a - b);
      const middle = Math.floor(filledRatios.length / 2);
      const medianOfFilled =
        filledRatios.length % 2 === 1
          ? filledRatios[middle]
          : ((filledRatios[middle - 1] ?? 0) + (filledRatios[middle] ?? 0)) / 2;
      const labelled = Number(/median (\d\.\d\d)x/.exec(chartText)?.[1]);
      expect(Math.abs(labelled - (medianOfFilled ?? 0)), "the median label is that of the filled points").toBeLessThan(
        0.006,
      );
      const boxes = async (locator: Locator) =>
        (await locator.evaluateAll((items) => items.map((item) => item.getBoundingClientRect().toJSON()))) as DOMRect[];
      const points = await boxes(chart.locator('[aria-roledescription="point"]'));
      const labels = await boxes(chart.locator("text").filter({ hasText: /^(median \d|required \d|ideal on)/ }));
      expect(labels).toHaveLength(3);
      for (const label of labels) {
        for (const point of points) {
          const apart =
            point.right < label.left ||
            point.left > label.right ||
            point.bottom < label.top ||
            point.top > label.bottom;
          expect(apart, "a line's label over a point").toBe(true);
        }
      }
      const sweep = page.locator(".sweep-chart svg");
      expect(await sweep.locator('[aria-roledescription="point"]').count(), "13 rows of the grader's sweep").toBe(13);

      // The learner runs their main(), which saves their plot: the page shows it beside the grader's, no reload.
      execFileSync(process.execPath, ["--import", "tsx", "10-efficiency/efficiency.ts"], {
        cwd: join(app.root, "exercises"),
        stdio: "ignore",
      });
      await expect.poll(() => imageLoaded(page, ".learner-plot img"), { timeout: 10_000 }).toBe(true);

      const drawn = await screenshot(browser, page.locator(".speedup-chart"), "speedup-chart-10", [COLOUR.chartPoint]);
      // Each pair's point is a disc of about 50 pixels; 20 each leaves room for anti-aliased edges. A share of the
      // whole image would depend on how wide the figure is laid out.
      const pointPixels = (drawn.near[COLOUR.chartPoint] ?? 0) * drawn.width * drawn.height;
      expect(pointPixels, "the filled points in their colour").toBeGreaterThan(20 * (await filled.count()));
      const plots = await screenshot(browser, page.locator(".plots"), "plots-10");
      expect(plots.inked).toBeGreaterThan(0.05);
    },
  );

  it("works from the keyboard: skip link, shortcuts, and every control by Tab", async () => {
    await page.goto(`${app.url}exercises/01-integers`);
    await page.keyboard.press("Tab");
    expect(await focused(page)).toBe("Skip to the lesson");
    await page.keyboard.press("Enter");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("main");

    await page.keyboard.press("n");
    await page.waitForURL(/\/exercises\/02-even-numbers$/);
    await page.keyboard.press("p");
    await page.waitForURL(/\/exercises\/01-integers$/);
    await page.keyboard.press("l");
    expect(await page.evaluate(() => document.activeElement?.getAttribute("aria-current"))).toBe("page");

    // The hint button is reached with Tab alone, shows a ring when focused, and Enter presses it.
    let reached = false;
    for (let presses = 0; presses < 80 && !reached; presses++) {
      await page.keyboard.press("Tab");
      reached = await page.evaluate(() => document.activeElement?.id === "next-hint");
    }
    expect(reached, "Tab reaches the hint button").toBe(true);
    expect(await page.evaluate(() => getComputedStyle(document.activeElement as Element).outlineStyle)).toBe("solid");
    const ring = await screenshot(browser, page.locator(".hints"), "keyboard-focus-02", [COLOUR.focusRing]);
    expect(ring.near[COLOUR.focusRing], "the focus ring around the button").toBeGreaterThan(0.005);
    await page.keyboard.press("Enter");
    await expect.poll(() => page.locator(".hint").count()).toBe(1);
    expect(await page.evaluate(() => document.activeElement?.classList.contains("hint"))).toBe(true);
    await page.keyboard.press("h");
    await expect.poll(() => page.locator(".hint").count()).toBe(2);
  });

  it("shows the progress of every exercise on the start page, the next one marked", async () => {
    await page.goto(app.url);
    const count = loadCurriculum(join(app.root, "exercises")).length;
    expect(await page.locator("#progress li").count()).toBe(count);
    expect(await page.locator("#progress li.next").getAttribute("data-id")).toBe("02-even-numbers");
    expect(await page.locator("main .next-step a").getAttribute("href")).toBe("/exercises/02-even-numbers");
    // Every title starts at the same place, its number in line with the others', whatever its length.
    const starts = await page
      .locator("#progress .exercise-item .title")
      .evaluateAll((titles) => titles.map((title) => Math.round(title.getBoundingClientRect().left)));
    expect(new Set(starts).size, `the titles start at ${starts.join(", ")} px`).toBe(1);
    const home = await screenshot(browser, page, "home", [COLOUR.nextBadge]);
    expect(home.near[COLOUR.nextBadge], "the blue 'next' badge").toBeGreaterThan(0.0005);
  });

  it("holds WCAG AA contrast and structure on every kind of page (axe-core)", async () => {
    for (const path of ["", "exercises/01-integers", "exercises/03-fibonacci", "exercises/10-efficiency"]) {
      await page.goto(`${app.url}${path}`);
      await page.waitForLoadState("networkidle").catch(() => {});
      if (path.endsWith("01-integers")) await page.locator("pre.mermaid svg").first().waitFor();
      const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
      const problems = results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
      expect(problems, `/${path}`).toEqual([]);
      // The contrast rule did look at the page's text, and found it all readable.
      expect(
        results.passes.some((rule) => rule.id === "color-contrast"),
        `/${path}: contrast checked`,
      ).toBe(true);
    }
  });

  it("loads nothing from the network and logs no errors", () => {
    expect(requests.length).toBeGreaterThan(10);
    expect(requests.filter((url) => !url.startsWith(app.url))).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });

  it("says so when it cannot reach its server", async () => {
    await page.goto(`${app.url}exercises/01-integers`);
    const banner = page.locator("#connection");
    expect(await banner.isHidden()).toBe(true);
    await app.stop();
    await banner.waitFor({ state: "visible", timeout: 10_000 });
    expect(await banner.textContent()).toMatch(/cannot reach the workshop's server.*pnpm workshop/);
    const shot = await screenshot(browser, page, "server-gone", [COLOUR.banner]);
    expect(shot.near[COLOUR.banner], "the red banner across the top").toBeGreaterThan(0.01);
  });
});

function hintsSeen(root: string, id: string): number {
  return JSON.parse(readFileSync(join(root, ".workshop/state.json"), "utf8")).hintsShown[id] ?? 0;
}

function focused(page: Page): Promise<string | undefined> {
  return page.evaluate(() => document.activeElement?.textContent?.trim());
}

function imageLoaded(page: Page, selector: string): Promise<boolean> {
  return page.evaluate((s) => {
    const image = document.querySelector<HTMLImageElement>(s);
    return Boolean(image?.complete && image.naturalWidth > 0);
  }, selector);
}
