// The Markdown report (GitHub's run summary, Gradescope's `md`), read back by a CommonMark renderer with GitHub's
// extensions (markdown-it: tables, strikethrough, bare links) and raw HTML allowed, as the laxest reader would:
// what the learner's code printed or made a test say must come out as the same text, never as markup.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import MarkdownIt, { type Token } from "markdown-it";
import { describe, expect, it } from "vitest";
import { exerciseMarkdown, toMarkdown } from "../src/report/markdown.ts";
import type { ExerciseResult, GradeReport } from "../src/result.ts";
import { fixture, runGrader } from "./run-grader.ts";

const load = (learner: string) =>
  JSON.parse(readFileSync(fixture(`class-results/${learner}.json`), "utf8")) as GradeReport;
const ada = load("ada");
const grace = load("grace");
const linus = load("linus");

const reader = new MarkdownIt({ html: true, linkify: true });
// GitHub links bare addresses that start with a scheme or `www.` (GFM's autolinks), not bare domain names.
reader.linkify.set({ fuzzyLink: false, fuzzyEmail: false });

/** Every token of a document, inline ones included, flattened. */
function tokens(markdown: string): Token[] {
  return reader.parse(markdown, {}).flatMap((token) => [token, ...(token.children ?? [])]);
}

/** The text a reader sees in a paragraph: its text, code and line breaks, as the renderer has them. */
function paragraphs(markdown: string): string[] {
  return reader
    .parse(markdown, {})
    .filter((token) => token.type === "inline")
    .map((token) =>
      (token.children ?? [])
        .map((child) => (child.type === "softbreak" || child.type === "hardbreak" ? "\n" : child.content))
        .join(""),
    );
}

/** Only the structure the report writes itself: headings, paragraphs, lists, a table, strong labels, code. */
const OWN_MARKUP = new Set([
  "heading_open",
  "heading_close",
  "paragraph_open",
  "paragraph_close",
  "inline",
  "text",
  "softbreak",
  "hardbreak",
  "strong_open",
  "strong_close",
  "code_inline",
  "fence",
  "bullet_list_open",
  "bullet_list_close",
  "list_item_open",
  "list_item_close",
  "table_open",
  "table_close",
  "thead_open",
  "thead_close",
  "tbody_open",
  "tbody_close",
  "tr_open",
  "tr_close",
  "th_open",
  "th_close",
  "td_open",
  "td_close",
]);

/** A result whose every text a learner's code can reach tries to become markup. */
const HOSTILE = [
  "<script>alert(1)</script> <img src=x onerror=alert(1)>",
  "```\nclosed the fence? <b>bold</b>\n````",
  "[click me](javascript:alert(1)) ![img](http://x/y.png) https://evil.example/ www.evil.example",
  "**strong** _em_ ~~gone~~ `code` $x^2$ @octocat #1",
  "# a heading",
  "- a list item",
  "1. an ordered item",
  "    four spaces: a code block?",
  "| a | table |",
  "&lt; an entity &amp; a bare & and a \\ backslash",
].join("\n");

function hostileResult(): ExerciseResult {
  const base = grace.exercises[4] as ExerciseResult;
  return {
    ...base,
    message: HOSTILE,
    output: HOSTILE,
    diff: `- Expected\n+ Received\n- ${"`".repeat(5)}\n+ <img src=x>`,
    warnings: [`type error: ${HOSTILE}`],
    tests: base.tests.map((test) => ({ ...test, status: "failed", name: "**bold** <i>name</i>", message: HOSTILE })),
  };
}

describe("--reporter markdown", () => {
  it.each([
    ["ada", ada],
    ["grace", grace],
    ["linus", linus],
  ])("writes only its own structure: a score, a table and a section per exercise (%s)", (_, report) => {
    const markdown = toMarkdown(report);
    const all = tokens(markdown);
    expect(all.filter((token) => !OWN_MARKUP.has(token.type)).map((token) => token.type)).toEqual([]);
    const headings = reader
      .parse(markdown, {})
      .flatMap((token, index, list) =>
        token.type === "heading_open" ? [`${token.tag} ${paragraphs(list[index + 1]?.content ?? "")[0]}`] : [],
      );
    expect(headings[0]).toBe(
      `h2 ${report.summary.passed}/${report.summary.total} exercises passed: ${report.summary.score}/${report.summary.maxScore} points.`,
    );
    expect(headings.slice(1)).toEqual(
      report.exercises.map((e) =>
        expect.stringMatching(new RegExp(`^h3 . ${e.id}: .* \\(${e.points}/${e.maxPoints}\\)$`)),
      ),
    );
    const rows = reader.render(markdown).match(/<tr>/g) ?? [];
    expect(rows).toHaveLength(report.exercises.length + 1);
  });

  it("makes a run of one exercise that exercise's section alone, as each Classroom step writes it", () => {
    const one = { ...grace, exercises: [grace.exercises[2] as ExerciseResult] };
    const markdown = toMarkdown(one);
    expect(markdown.startsWith("### ✗ 03-fibonacci: Fibonacci: state in a generator \\(0/5\\)\n\n")).toBe(true);
    expect(markdown).not.toContain("| # |");
    const text = paragraphs(markdown);
    expect(text).toContain("failed, test failed · 0/5 points · 0.3 s");
    expect(text).toContain("at /home/grace/workshop/exercises/03-fibonacci/fibonacci.ts:9:5");
    expect(text).toContain("next: run pnpm grade 3 in your copy of the workshop; pnpm grade hint 3 helps");
  });

  it("shows the diff, the speedup pair by pair, warnings and the code's output", () => {
    const markdown = toMarkdown(grace);
    const fences = tokens(markdown).filter((token) => token.type === "fence");
    expect(fences.map((fence) => fence.info)).toEqual(["text", "text"]);
    expect(fences[1]?.content).toBe("Earth      000\nMoon       000\ufffd\nbell and a NUL: \ufffd end\n");
    const text = paragraphs(markdown);
    expect(text).toContain("speedup 1.21x measured, 1.40x required on 2 cores, efficiency 61% (inconclusive)");
    expect(
      text.some((line) =>
        line.startsWith("type error at /home/grace/workshop/exercises/06-async-timer/async-timer.ts:12:7"),
      ),
    ).toBe(true);
    const adaText = paragraphs(toMarkdown(ada));
    expect(adaText.some((line) => /^one task \/ split, pair by pair: (\d\.\d\dx ?)+$/.test(line))).toBe(true);
  });

  it("turns nothing the learner's code printed or made a test say into markup", () => {
    const markdown = exerciseMarkdown(hostileResult());
    const all = tokens(markdown);
    expect(all.filter((token) => !OWN_MARKUP.has(token.type)).map((token) => token.type)).toEqual([]);
    const html = reader.render(markdown);
    for (const tag of ["<script", "<img", "<a ", "<b>", "<i>", "<em>", "<del>", "<h1", "<ol", "<table"]) {
      expect(html, tag).not.toContain(tag);
    }
    // The same text, character for character, where a reader sees it.
    const text = paragraphs(markdown);
    expect(text).toContain(HOSTILE.replace(/^ {4}/m, "\u00a0".repeat(4)));
    const fences = all.filter((token) => token.type === "fence");
    expect(fences.map((fence) => fence.content)).toEqual([
      `- Expected\n+ Received\n- ${"`".repeat(5)}\n+ <img src=x>\n`,
      `${HOSTILE}\n`,
    ]);
    expect(text.some((line) => line.startsWith("✗ **bold** <i>name</i>: <script>"))).toBe(true);
  });

  it("keeps at most 40 lines of output, saying how many more there were", () => {
    const chatty = {
      ...(grace.exercises[4] as ExerciseResult),
      output: Array.from({ length: 100 }, (_, i) => `line ${i}`).join("\n"),
    };
    const fence = tokens(exerciseMarkdown(chatty)).find((token) => token.type === "fence");
    const lines = fence?.content.trimEnd().split("\n") ?? [];
    expect(lines).toHaveLength(41);
    expect(lines.at(-1)).toBe("… 60 more lines");
  });

  it("writes the document to --out for a real run, the terminal report staying", async () => {
    const temporary = mkdtempSync(join(tmpdir(), "grader-markdown-"));
    const out = join(temporary, "summary.md");
    // An 01 not started, whatever stage the workshop's own exercises are at: its functions still throw their TODO.
    const tree = join(temporary, "tree");
    mkdirSync(join(tree, "01-integers"), { recursive: true });
    writeFileSync(
      join(tree, "01-integers", "integers.ts"),
      'export function* integers(): Generator<number, never, undefined> {\n  throw new Error("TODO: 01-integers: write integers()");\n}\n' +
        'export function* take<T>(count: number, source: Iterable<T>): Generator<T, void, undefined> {\n  throw new Error("TODO: 01-integers: write take()");\n}\n',
    );
    const run = await runGrader(["--target", tree, "1", "--reporter", "markdown", "--out", out], {
      WORKSHOP_STATE_DIR: temporary,
    });
    expect(run.exitCode, run.stderr).toBe(1);
    expect(run.stdout).toMatch(/01-integers\s+✗ failed .* not started yet/);
    const markdown = readFileSync(out, "utf8");
    expect(markdown.startsWith("### ✗ 01-integers: Integers: a generator that never ends \\(0/5\\)\n")).toBe(true);
    expect(paragraphs(markdown)).toContain(`failed, not started · 0/5 points · ${/\d+\.\d s/.exec(markdown)?.[0]}`);
  });
});
