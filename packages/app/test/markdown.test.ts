// The lesson renderer: what the page gets from a README, before any browser sees it.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { createMarkdownRenderer, type RenderMarkdown } from "../src/lesson/markdown.ts";

let render: RenderMarkdown;
beforeAll(async () => {
  render = await createMarkdownRenderer();
});

describe("the lessons' Markdown", () => {
  it("highlights TypeScript at the server, in coloured spans", () => {
    const html = render("```ts\nconst answer: number = 42;\n```\n");
    expect(html).toMatch(/^<pre class="shiki github-light-high-contrast"/);
    // Each token coloured on its own, the type annotation included (which a weaker regex engine gets wrong).
    const tokens = [...html.matchAll(/<span style="color:#[0-9A-Fa-f]{6}">([^<]*)<\/span>/g)].map((m) => m[1]?.trim());
    expect(tokens).toEqual(["const", "answer", ":", "number", "=", "42", ";"]);
  });

  it("colours every token however slow the machine: no time limit cuts a line short", () => {
    // A busy machine, made certain: every reading of the clock is a second later than the one before. With a
    // time limit per line, the highlighter gives up after the first token and leaves the rest in one colour.
    let now = Date.now();
    const clock = vi.spyOn(Date, "now").mockImplementation(() => (now += 1000));
    try {
      const html = render("```ts\nconst late: number = 7;\n```\n");
      const tokens = [...html.matchAll(/<span style="color:#[0-9A-Fa-f]{6}">([^<]*)<\/span>/g)].map((m) =>
        m[1]?.trim(),
      );
      expect(tokens).toEqual(["const", "late", ":", "number", "=", "7", ";"]);
    } finally {
      clock.mockRestore();
    }
  });

  it("leaves a mermaid block's source, escaped, for the page to draw", () => {
    const html = render("```mermaid\nsequenceDiagram\n  A->>B: <b>hi</b> & bye\n```\n");
    expect(html).toBe('<pre class="mermaid">sequenceDiagram\n  A-&gt;&gt;B: &lt;b&gt;hi&lt;/b&gt; &amp; bye\n</pre>\n');
  });

  it("keeps a fence of no known language as plain, escaped text", () => {
    expect(render("```\n<script>x</script>\n```\n")).toBe("<pre><code>&lt;script&gt;x&lt;/script&gt;\n</code></pre>\n");
  });

  it("shows raw HTML as text, and opens links out of the workshop beside it", () => {
    const html = render('<img src=x onerror="alert(1)"> and [vega-lite](https://vega.github.io/vega-lite/)\n');
    expect(html).not.toContain("<img");
    expect(html).toContain("&lt;img");
    expect(html).toContain('<a href="https://vega.github.io/vega-lite/" target="_blank" rel="noopener noreferrer">');
  });

  it("renders GitHub's tables", () => {
    expect(render("| a | b |\n| - | - |\n| 1 | 2 |\n")).toContain("<td>1</td>");
  });
});
