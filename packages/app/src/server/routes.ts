import { readFileSync } from "node:fs";
import { Hono } from "hono";
import { csrf } from "hono/csrf";
import { html } from "hono/html";
import type { WorkshopApp } from "../workshop-app.ts";
import type { Assets } from "./assets.ts";

/**
 * Only the app's own scripts run; styles may be inline (Shiki colours spans, Mermaid styles its SVG); every
 * request stays on this server. A page of the app can load nothing from the network, even by mistake.
 */
const PAGE_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join("; ");

/** The learner's plot, opened alone: an SVG that can run nothing and load nothing. */
const PLOT_POLICY = "default-src 'none'; style-src 'unsafe-inline'; sandbox";

/**
 * The app's routes: the pages, the event stream, the two actions (grade now, one more hint), the learner's plot
 * and the assets. `hosts` are the names the server answers to: a page of another site that a DNS trick points
 * at 127.0.0.1 is refused, and the actions take requests from the app's own pages only.
 */
export function routes(app: WorkshopApp, assets: Assets, hosts: string[]): Hono {
  const server = new Hono();
  server.use(async (c, next) => {
    if (!hosts.includes(c.req.header("host") ?? "")) return c.text("This server answers to 127.0.0.1 only.", 421);
    await next();
    c.header("X-Content-Type-Options", "nosniff");
    if (!c.res.headers.has("Content-Security-Policy")) c.header("Content-Security-Policy", PAGE_POLICY);
  });
  server.use("/api/*", csrf());

  server.get("/", async (c) => c.html(await app.homePage()));
  server.get("/exercises/:id", async (c) => {
    const exercise = app.find(c.req.param("id"));
    if (!exercise) return c.html(html`<p>No exercise ${c.req.param("id")}: see <a href="/">the list</a>.</p>`, 404);
    return c.html(await app.exercisePage(exercise));
  });
  server.get("/exercises/:id/plot.svg", (c) => {
    const exercise = app.find(c.req.param("id"));
    const file = exercise && app.learnerPlotFile(exercise);
    let svg: Buffer;
    try {
      if (!file) throw new Error("no plot");
      svg = readFileSync(file);
    } catch {
      return c.text("No plot saved yet.", 404);
    }
    c.header("Content-Security-Policy", PLOT_POLICY);
    c.header("Cache-Control", "no-store");
    return c.body(new Uint8Array(svg), 200, { "Content-Type": "image/svg+xml" });
  });
  // A page names its exercise and the updates it had seen when drawn, and first hears what it missed since.
  server.get("/events", (c) => {
    const exercise = app.find(c.req.query("exercise") ?? "");
    const seen = Number(c.req.query("seen"));
    return app.events.connect(c, () => app.greeting(exercise, seen));
  });

  server.post("/api/exercises/:id/grade", (c) => {
    const exercise = app.find(c.req.param("id"));
    if (!exercise) return c.json({ error: `no exercise ${c.req.param("id")}` }, 404);
    app.grade(exercise);
    return c.json({ grading: exercise.id }, 202);
  });
  server.post("/api/exercises/:id/hint", async (c) => {
    const exercise = app.find(c.req.param("id"));
    if (!exercise) return c.json({ error: `no exercise ${c.req.param("id")}` }, 404);
    return c.json({ hints: String(await app.nextHint(exercise)) });
  });

  const asset = (body: string, type: string) => () =>
    new Response(body, { headers: { "Content-Type": `${type}; charset=utf-8`, "Cache-Control": "no-cache" } });
  server.get("/assets/app.js", asset(assets.appJs, "text/javascript"));
  server.get("/assets/mermaid.js", asset(assets.mermaidJs, "text/javascript"));
  server.get("/assets/style.css", asset(assets.styleCss, "text/css"));
  return server;
}
