// Hidden: catches a counter() that cuts names to ten characters, or pads them by hand in a way that fails on a
// longer one: Python's {name:<10} pads to at least ten, and never cuts.
import { captureConsole } from "@workshop/test-kit";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { counter } from "../gather-counters.ts";

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
});
afterEach(() => {
  vi.useRealTimers();
});

describe("counter(name), hidden", () => {
  it("keeps a long name whole, and pads a short one", async () => {
    const lines = captureConsole();
    const both = Promise.all([counter("Andromeda Galaxy"), counter("Io")]);
    await vi.advanceTimersByTimeAsync(1000);
    await both;
    expect(lines.filter((line) => line.startsWith("Andromeda"))).toEqual(
      [0, 1, 2, 3, 4].map((i) => `Andromeda Galaxy 00${i}`),
    );
    expect(lines).toContain("Io         000");
  });
});
