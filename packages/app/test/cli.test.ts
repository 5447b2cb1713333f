// `pnpm workshop` as a process: where it listens, what it refuses, and what it says when it cannot start.
import { spawnSync } from "node:child_process";
import { rmSync } from "node:fs";
import { request } from "node:http";
import { createServer, type Server } from "node:net";
import { networkInterfaces } from "node:os";
import { join } from "node:path";
import { loadCurriculum } from "@workshop/grader/curriculum";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningApp, startAppInCopy } from "./support/app-in-copy.ts";
import { freePort } from "./support/free-port.ts";

const bin = join(import.meta.dirname, "../bin/workshop.js");

/** The status of a GET with the Host header given (fetch sets its own). */
function statusAs(url: string, host: string): Promise<number | undefined> {
  return new Promise((resolve, reject) => {
    request(url, { headers: { Host: host } }, (response) => {
      response.resume();
      resolve(response.statusCode);
    })
      .on("error", reject)
      .end();
  });
}

describe("pnpm workshop", () => {
  let app: RunningApp;
  beforeAll(async () => {
    // No plot of 10 saved, whatever the workshop copied holds (a learner's main() saves one beside 10's file).
    app = await startAppInCopy([], (root) =>
      rmSync(join(root, "exercises/10-efficiency/efficiency.timings.svg"), { force: true }),
    );
  });
  afterAll(async () => {
    await app?.stop();
  });

  it("serves on 127.0.0.1, on a free port when none is asked for, and prints the address", async () => {
    expect(app.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(app.output()).toContain(`The workshop is at ${app.url}`);
    const home = await fetch(app.url);
    expect(home.status).toBe(200);
    const count = loadCurriculum(join(app.root, "exercises")).length;
    expect(await home.text()).toContain(`0 of ${count} exercises done`);
  });

  it("cannot be reached from another address of this machine", async () => {
    const port = new URL(app.url).port;
    const others = Object.values(networkInterfaces())
      .flat()
      .filter((address) => address && address.family === "IPv4" && !address.internal)
      .map((address) => address?.address);
    // 127.0.0.2 is this machine too (on Linux all of 127/8 is): a server bound to every address answers there.
    for (const address of ["127.0.0.2", ...others]) {
      await expect(fetch(`http://${address}:${port}/`), address).rejects.toThrow();
    }
  });

  it("answers only to its own host name, and takes actions only from its own pages", async () => {
    // A page of another site whose name a DNS trick points at 127.0.0.1 sends its own name as the host.
    expect(await statusAs(app.url, "attacker.example")).toBe(421);
    expect(await statusAs(app.url, new URL(app.url).host)).toBe(200);
    const crossSite = await fetch(`${app.url}api/exercises/01-integers/hint`, {
      method: "POST",
      headers: { Origin: "http://attacker.example", "Content-Type": "application/x-www-form-urlencoded" },
    });
    expect(crossSite.status).toBe(403);
    const page = await fetch(`${app.url}exercises/01-integers`);
    expect(page.headers.get("content-security-policy")).toMatch(/default-src 'self'.*script-src 'self'/);
  });

  it("renders every exercise's lesson from its README, with its progress list and its hints", async () => {
    const curriculum = loadCurriculum(join(app.root, "exercises"));
    for (const exercise of curriculum) {
      const page = await (await fetch(`${app.url}exercises/${exercise.id}`)).text();
      expect(page, exercise.id).toContain(`<h1 id="lesson-title">${exercise.title.replace(/&/g, "&amp;")}</h1>`);
      expect(page, exercise.id).toContain("<h2>Your task</h2>");
      expect(page.match(/class="exercise-item/g), exercise.id).toHaveLength(curriculum.length);
      expect(page, exercise.id).toContain(`Show hint 1 of ${exercise.hints.length}`);
    }
  });

  it("says what is wrong with a page or a plot that does not exist", async () => {
    const missing = await fetch(`${app.url}exercises/99-nothing`);
    expect(missing.status).toBe(404);
    expect(await missing.text()).toMatch(/No exercise 99-nothing/);
    const injected = await fetch(`${app.url}exercises/${encodeURIComponent("<img src=x onerror=alert(1)>")}`);
    expect(await injected.text()).toContain("No exercise &lt;img src=x onerror=alert(1)&gt;");
    const plot = await fetch(`${app.url}exercises/10-efficiency/plot.svg`);
    expect(plot.status).toBe(404);
  });
});

describe("pnpm workshop, refusing to start", () => {
  let taken: Server;
  let port: number;
  beforeAll(async () => {
    port = await freePort();
    taken = createServer();
    await new Promise<void>((listening) => taken.listen(port, "127.0.0.1", listening));
  });
  afterAll(() => {
    taken?.close();
  });

  it("names a taken port and what to do, and ends", () => {
    const run = spawnSync(process.execPath, [bin, "--no-open", "--port", String(port)], {
      encoding: "utf8",
      timeout: 60_000,
      env: { ...process.env, WORKSHOP_STATE_DIR: join(import.meta.dirname, ".no-state") },
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`Port ${port} is taken: run \`pnpm workshop --port <another>\``);
  });

  it("refuses a port that is no port", () => {
    const run = spawnSync(process.execPath, [bin, "--port", "http"], { encoding: "utf8", timeout: 30_000 });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toMatch(/a port is a whole number/);
  });
});
