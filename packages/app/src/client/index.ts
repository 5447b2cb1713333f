// The page's script: it follows the server's events (results as they come), draws the lesson's diagrams, and
// answers the keys and buttons. Everything it shows is HTML the server rendered and escaped.
import { drawDiagrams } from "./diagrams.ts";
import { listenForKeys } from "./keys.ts";
import { ServerLink } from "./server-link.ts";

const exerciseId = document.body.dataset.exercise || undefined;
const link = new ServerLink(document.getElementById("connection"));

interface ResultMessage {
  id: string;
  status: string;
  progress: string;
  result: string;
}
interface ActivityMessage {
  id: string;
  activity: string;
  progress: string;
}

/**
 * Puts the server's HTML into a part of the page. The keyboard's focus stays where it was: on the element of the
 * same id, or the link to the same place, in the new content.
 */
function replaceContent(element: HTMLElement, html: string): void {
  const active = document.activeElement;
  const focused =
    active && element.contains(active)
      ? active.id
        ? `#${CSS.escape(active.id)}`
        : active.getAttribute("href") && `[href="${CSS.escape(active.getAttribute("href") ?? "")}"]`
      : undefined;
  element.innerHTML = html;
  if (focused) element.querySelector<HTMLElement>(focused)?.focus();
}

function showProgress(html: string): void {
  const progress = document.getElementById("progress");
  if (!progress) return;
  replaceContent(progress, html);
  markCurrent();
}

/** The server draws the list for every page at once; each page marks its own exercise in it. */
function markCurrent(): void {
  if (!exerciseId) return;
  document.querySelector(`#progress li[data-id="${CSS.escape(exerciseId)}"] a`)?.setAttribute("aria-current", "page");
}

link.on<ResultMessage>("result", (message) => {
  showProgress(message.progress);
  if (message.id !== exerciseId) return;
  const result = document.getElementById("result");
  if (result) replaceContent(result, message.result);
});

link.on<ActivityMessage>("activity", (message) => {
  showProgress(message.progress);
  if (message.id !== exerciseId) return;
  const result = document.getElementById("result");
  if (!result) return;
  let line = result.querySelector(".activity");
  if (!line) {
    line = document.createElement("p");
    line.className = "activity";
    line.setAttribute("role", "status");
    result.prepend(line);
  }
  line.innerHTML = `<span class="spinner" aria-hidden="true"></span>`;
  line.append(`Grading: ${message.activity}…`);
  result.querySelector(".not-graded")?.remove();
});

link.on<{ id: string; url?: string }>("plot", (message) => {
  if (message.id !== exerciseId || !message.url) return;
  const figure = document.querySelector(".learner-plot");
  if (!figure) return;
  let image = figure.querySelector("img");
  if (!image) {
    image = document.createElement("img");
    image.alt = "Your plot, as your main() saved it";
    figure.querySelector(".placeholder")?.replaceWith(image);
  }
  image.src = message.url;
});

// A hint shown by `pnpm grade hint` in a terminal (or another page) shows here too. A panel that shows as many
// hints already (this page asked for the one the message is about) is left as it is, with its focus.
link.on<{ id: string; hints: string; shown: number }>("hints", (message) => {
  const panel = document.querySelector<HTMLElement>(".hints");
  if (message.id !== exerciseId || !panel || panel.dataset.shown === String(message.shown)) return;
  panel.outerHTML = message.hints;
});

function gradeNow(): void {
  if (!exerciseId) return;
  void link.post(`/api/exercises/${exerciseId}/grade`);
}

async function nextHint(): Promise<void> {
  if (!exerciseId || !document.getElementById("next-hint")) return;
  const answer = await link.post<{ hints: string }>(`/api/exercises/${exerciseId}/hint`);
  const panel = document.querySelector(".hints");
  if (!answer || !panel) return;
  panel.outerHTML = answer.hints;
  // The new hint gets the focus: a screen reader reads it, and the next Tab reaches the button again.
  const hints = document.querySelectorAll<HTMLElement>(".hint");
  hints[hints.length - 1]?.focus();
}

document.addEventListener("click", (event) => {
  const target = event.target as HTMLElement | null;
  if (target?.closest("#grade-now")) gradeNow();
  if (target?.closest("#next-hint")) void nextHint();
});

listenForKeys({
  next: () => document.querySelector<HTMLAnchorElement>('a[rel="next"]')?.click(),
  previous: () => document.querySelector<HTMLAnchorElement>('a[rel="prev"]')?.click(),
  grade: gradeNow,
  hint: () => void nextHint(),
  list: () =>
    (
      document.querySelector<HTMLElement>('#progress a[aria-current="page"]') ??
      document.querySelector<HTMLElement>("#progress a")
    )?.focus(),
});

markCurrent();
link.connect(exerciseId, document.body.dataset.updates);
// An exercise opened and not graded yet in this session is graded at once: the learner sees where they stand.
if (exerciseId && document.querySelector("#result .not-graded") && !document.querySelector("#result .activity")) {
  gradeNow();
}
void drawDiagrams();
