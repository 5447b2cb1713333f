import { html } from "hono/html";
import type { HtmlEscapedString } from "hono/utils/html";

export type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

/** The keys the page answers to, listed on every page (and by `?`). */
export const SHORTCUTS = [
  ["n", "next exercise"],
  ["p", "previous exercise"],
  ["g", "grade this exercise now"],
  ["h", "show the next hint"],
  ["l", "the list of exercises"],
] as const;

/**
 * Every page: a skip link, the progress on the side, the content, and a banner that the page script shows when
 * the server cannot be reached. Scripts and styles come from the app itself (`/assets/`): nothing from the network.
 */
export function layout(options: {
  title: string;
  exerciseId?: string;
  /** How many updates the server had published when it drew the page (WorkshopApp's count). */
  updates: number;
  progress: Html;
  main: Html;
}): Html {
  return html`<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>${options.title} · Async TypeScript workshop</title>
    <link rel="icon" href="data:," />
    <link rel="stylesheet" href="/assets/style.css" />
    <script src="/assets/mermaid.js" defer></script>
    <script src="/assets/app.js" type="module"></script>
  </head>
  <body data-exercise="${options.exerciseId ?? ""}" data-updates="${options.updates}">
    <a class="skip-link" href="#main">Skip to the lesson</a>
    <div id="connection" class="connection" role="alert" hidden></div>
    <div class="frame">
      <nav class="progress" aria-label="Exercises">
        <p class="brand"><a href="/">Async TypeScript</a></p>
        <div id="progress">${options.progress}</div>
      </nav>
      <main id="main" tabindex="-1">${options.main}</main>
    </div>
    <footer class="shortcuts">
      <h2>Keys</h2>
      <ul>
        ${SHORTCUTS.map(([key, what]) => html`<li><kbd>${key}</kbd> ${what}</li>`)}
      </ul>
    </footer>
  </body>
</html>`;
}
