// The pages' event stream: a page that connects first hears how its exercise stands now, and what was published
// while that greeting was being made comes after it, in order, so that an older state never hides a newer one.
import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { EventStream, type PageMessage } from "../src/server/event-stream.ts";

/** Reads a server-sent events body until `count` events have come, and returns them as messages. */
async function readEvents(response: Response, count: number): Promise<PageMessage[]> {
  const reader = response.body?.pipeThrough(new TextDecoderStream()).getReader();
  if (!reader) throw new Error("no body");
  let text = "";
  const events = () =>
    text
      .split("\n\n")
      .filter((block) => block.includes("data:"))
      .map((block) => ({
        event: /^event: (.*)$/m.exec(block)?.[1] ?? "",
        data: JSON.parse(/^data: (.*)$/m.exec(block)?.[1] ?? "null"),
      }));
  while (events().length < count) {
    const { value, done } = await reader.read();
    if (done) break;
    text += value;
  }
  await reader.cancel();
  return events().slice(0, count);
}

describe("the event stream", () => {
  it("greets a page with the state it asked for, then what was published meanwhile, in order", async () => {
    const stream = new EventStream();
    const server = new Hono().get("/events", (c) =>
      stream.connect(c, async () => {
        // A grade ends while the greeting is made: its verdict must reach the page after the greeting.
        stream.publish({ event: "result", data: { state: "newer" } });
        await new Promise((resolve) => setTimeout(resolve, 20));
        return [{ event: "result", data: { state: "as the page connected" } }];
      }),
    );
    const events = await readEvents(await server.request("/events"), 3);
    expect(events).toEqual([
      { event: "hello", data: {} },
      { event: "result", data: { state: "as the page connected" } },
      { event: "result", data: { state: "newer" } },
    ]);
    stream.close();
  });

  it("sends what is published later to every page that is open", async () => {
    const stream = new EventStream();
    const server = new Hono().get("/events", (c) => stream.connect(c));
    const reading = readEvents(await server.request("/events"), 2);
    await expect.poll(() => stream.size).toBe(1);
    stream.publish({ event: "activity", data: { id: "01-integers" } });
    expect(await reading).toEqual([
      { event: "hello", data: {} },
      { event: "activity", data: { id: "01-integers" } },
    ]);
    stream.close();
  });
});
