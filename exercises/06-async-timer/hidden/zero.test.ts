// Hidden: catches a sleepAndReport() that reads the time with `||` (`t.time || Number.NaN`) or tests it for
// truth: a sleep of 0 ms takes 0 seconds, and 0 is a time like any other.
import { captureConsole } from "@workshop/test-kit";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { sleepAndReport } from "../async-timer.ts";

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "performance", "Date", "hrtime"] });
});
afterEach(() => {
  vi.useRealTimers();
});

describe("sleepAndReport(ms), hidden", () => {
  it("reports 0 seconds for a sleep of 0 ms", async () => {
    const lines = captureConsole();
    const seconds = sleepAndReport(0);
    await vi.advanceTimersByTimeAsync(0);
    expect(await seconds).toBe(0);
    expect(lines).toEqual(["that took 0 seconds"]);
  });
});
