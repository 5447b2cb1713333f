import MarkdownIt from "markdown-it";
import { createHighlighterCore, type HighlighterCore } from "shiki/core";
import { createOnigurumaEngine } from "shiki/engine/oniguruma";

/**
 * The code theme: GitHub's light colours, raised to hold WCAG AA contrast on their background (the default
 * palette's greys and reds do not all reach 4.5:1). The browser tests check it with axe-core.
 */
const THEME = "github-light-high-contrast";

/** The languages the lessons' fences use, by every name a fence may give them. */
const LANGUAGES: Record<string, string> = {
  ts: "typescript",
  typescript: "typescript",
  js: "javascript",
  javascript: "javascript",
  json: "json",
  sh: "shellscript",
  bash: "shellscript",
  shell: "shellscript",
  diff: "diff",
};

export type RenderMarkdown = (markdown: string) => string;

/**
 * Makes the renderer of the lessons and hints: CommonMark with GitHub's tables (markdown-it), code highlighted
 * at the server by Shiki (VS Code's grammars, coloured spans: the page needs no script for it), and each
 * ```mermaid block left as its source in a `<pre class="mermaid">`, which the page's bundled Mermaid draws as
 * SVG (the same blocks GitHub draws when it shows a README). Raw HTML in the Markdown is shown as text.
 */
export async function createMarkdownRenderer(): Promise<RenderMarkdown> {
  const highlighter = await createHighlighterCore({
    themes: [import("shiki/themes/github-light-high-contrast.mjs")],
    langs: [
      import("shiki/langs/typescript.mjs"),
      import("shiki/langs/javascript.mjs"),
      import("shiki/langs/json.mjs"),
      import("shiki/langs/shellscript.mjs"),
      import("shiki/langs/diff.mjs"),
    ],
    // Oniguruma, the regular-expression engine the grammars are written for (as in VS Code). Shiki's JavaScript
    // engine mis-colours TypeScript's type annotations on Node 20 (`const n: number = 42;` in one colour).
    engine: createOnigurumaEngine(import("shiki/wasm")),
  });
  const markdown = new MarkdownIt({ html: false, linkify: false, typographer: false });
  markdown.options.highlight = (code, info) => highlight(highlighter, markdown, code, info);
  const defaultLink = markdown.renderer.rules.link_open;
  markdown.renderer.rules.link_open = (tokens, index, options, env, self) => {
    const token = tokens[index];
    // A link out of the workshop opens beside it, so the lesson stays where the learner was.
    if (token && /^https?:/.test(String(token.attrGet("href") ?? ""))) {
      token.attrSet("target", "_blank");
      token.attrSet("rel", "noopener noreferrer");
    }
    return defaultLink ? defaultLink(tokens, index, options, env, self) : self.renderToken(tokens, index, options);
  };
  return (text) => markdown.render(text);
}

function highlight(
  highlighter: HighlighterCore,
  markdown: InstanceType<typeof MarkdownIt>,
  code: string,
  info: string,
): string {
  const name = info.trim().split(/\s+/)[0]?.toLowerCase() ?? "";
  // The page's Mermaid replaces the source with the diagram; until then (or without scripts) the source shows.
  if (name === "mermaid") return `<pre class="mermaid">${markdown.utils.escapeHtml(code)}</pre>`;
  const lang = LANGUAGES[name];
  // A fence without a known language (the expected output of a program) stays plain text, escaped by markdown-it.
  if (!lang) return "";
  // No time limit per line: Shiki's default (0.5 s) leaves the rest of a line uncoloured when the machine is busy
  // while a grammar is first used (the test suite beside it, a grade), so one run coloured `answer: number` and
  // the next did not. The lessons are the workshop's own few hundred lines; nothing here needs the guard.
  return highlighter.codeToHtml(code.replace(/\n$/, ""), { lang, theme: THEME, tokenizeTimeLimit: 0 });
}
