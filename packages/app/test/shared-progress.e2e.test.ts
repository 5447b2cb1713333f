// The app and the terminal in step: a grade or a hint of `pnpm grade` reaches every open page at once, and the
// app counts what the terminal's latest verdicts say, as `pnpm grade list` does.
import { join } from "node:path";
import type { GradeReport } from "@workshop/grader/results";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCommand } from "../../../grader/test/run-grader.ts";
import { type RunningApp, startAppInCopy } from "./support/app-in-copy.ts";

interface Message {
  event: string;
  data: { id?: string; status?: string; progress?: string; result?: string; hints?: string };
}

/** Follows a page's event stream, and waits for a message that `match` accepts. */
function follow(url: string) {
  const messages: Message[] = [];
  const controller = new AbortController();
  const reading = (async () => {
    const response = await fetch(url, { signal: controller.signal });
    const reader = response.body?.pipeThrough(new TextDecoderStream()).getReader();
    let text = "";
    while (reader) {
      const { value, done } = await reader.read();
      if (done) break;
      text += value;
      const blocks = text.split("\n\n");
      text = blocks.pop() ?? "";
      for (const block of blocks) {
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (data) messages.push({ event: /^event: (.*)$/m.exec(block)?.[1] ?? "", data: JSON.parse(data) });
      }
    }
  })().catch(() => {});
  return {
    stop: () => controller.abort(),
    reading,
    waitFor: async (match: (message: Message) => boolean, timeoutMs = 30_000): Promise<Message> => {
      const until = performance.now() + timeoutMs;
      while (performance.now() < until) {
        const found = messages.find(match);
        if (found) return found;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      throw new Error(`no such message in ${JSON.stringify(messages.map((m) => [m.event, m.data.id, m.data.status]))}`);
    },
  };
}

describe("the app and pnpm grade, in step", () => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await startAppInCopy();
  });
  afterAll(async () => {
    await app?.stop();
  });

  it("shows a grade made in the terminal on the open page, with the progress it makes", async () => {
    const page = follow(`${app.url}events?exercise=01-integers&seen=0`);
    const grade = (...args: string[]) =>
      runCommand(process.execPath, [join(app.root, "grader/bin/grade.js"), ...args], {
        cwd: app.root,
        env: { WORKSHOP_STATE_DIR: join(app.root, ".workshop") },
      });
    try {
      // The terminal's command, on the same workshop and the same progress file as the app. 01 passes or not,
      // as the workshop copied stands (a learner's edition at any stage): the page must show what it said.
      const graded = await grade("1", "--json");
      const [result] = (JSON.parse(graded.stdout) as GradeReport).exercises;
      const shown = await page.waitFor((m) => m.event === "result" && m.data.id === "01-integers");
      expect(shown.data.status).toBe(result?.status);
      expect(shown.data.result).toContain(`data-status="${result?.status}"`);
      const done = /(\d+) of 10 done/.exec(shown.data.progress ?? "")?.[1];
      expect(done, "the progress the page shows").toBeDefined();
      expect(await (await fetch(app.url)).text()).toContain(`${done} of 10 exercises done`);

      const hinted = await grade("hint", "2");
      expect(hinted.exitCode).toBe(0);
      const hints = await page.waitFor((m) => m.event === "hints" && m.data.id === "02-even-numbers");
      expect(hints.data.hints).toMatch(/Hint 1/);
    } finally {
      page.stop();
      await page.reading;
    }
  });
});
