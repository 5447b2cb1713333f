import { captureConsole } from "@workshop/test-kit";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { counter, earthAndMoon } from "./gather-counters.ts";

// core's `sleep` is a plain setTimeout, so fake timers let these tests move the clock by hand: no test waits
// for real time, and every count of lines is exact. That the fake clock of this one thread drives both
// counters is itself the lesson's point: no other thread is involved.
beforeEach(() => {
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
});
afterEach(() => {
  vi.useRealTimers();
});

/** Watches a promise without awaiting it, so a test can ask "has it finished yet?" at any fake moment. */
function track(promise: Promise<unknown>) {
  const state = { settled: false, error: undefined as unknown };
  promise.then(
    () => {
      state.settled = true;
    },
    (error: unknown) => {
      state.settled = true;
      state.error = error;
    },
  );
  return state;
}

const venus = ["Venus      000", "Venus      001", "Venus      002", "Venus      003", "Venus      004"];

const earthAndMoonLines = [
  "Earth      000",
  "Moon       000",
  "Earth      001",
  "Moon       001",
  "Earth      002",
  "Moon       002",
  "Earth      003",
  "Moon       003",
  "Earth      004",
  "Moon       004",
];

describe("counter(name)", () => {
  it("prints the lesson's five lines: the name padded to 10 characters, the count to 3 digits", async () => {
    const lines = captureConsole();
    const run = track(counter("Venus"));
    await vi.advanceTimersByTimeAsync(1000);
    expect(run.error).toBeUndefined();
    expect(lines).toEqual(venus);
  });

  it("prints a line, then sleeps 200 ms, five times", async () => {
    const lines = captureConsole();
    const run = track(counter("Venus"));
    await vi.advanceTimersByTimeAsync(0);
    expect(lines, "the first line comes at once, before the first sleep").toEqual(venus.slice(0, 1));
    await vi.advanceTimersByTimeAsync(199);
    expect(lines, "nothing more before the first 200 ms sleep is over").toEqual(venus.slice(0, 1));
    await vi.advanceTimersByTimeAsync(1);
    expect(lines, "the second line comes after 200 ms").toEqual(venus.slice(0, 2));
    await vi.advanceTimersByTimeAsync(600);
    expect(lines, "the fifth line comes after 800 ms").toEqual(venus);
    expect(run.error).toBeUndefined();
  });

  it("takes 1000 ms in all: it sleeps once more after the last line", async () => {
    captureConsole();
    const run = track(counter("Venus"));
    await vi.advanceTimersByTimeAsync(999);
    expect(run.settled, "still sleeping after the last line at 999 ms").toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(run.error).toBeUndefined();
    expect(run.settled, "finished after 5 x 200 ms").toBe(true);
  });
});

describe("earthAndMoon()", () => {
  it("interleaves the two counters as in the lesson: Earth 000, Moon 000, Earth 001, ...", async () => {
    const lines = captureConsole();
    const run = track(earthAndMoon());
    // Long enough for even a one-after-the-other version to finish, so a wrong order shows in full below.
    await vi.advanceTimersByTimeAsync(2000);
    expect(run.error).toBeUndefined();
    expect(
      lines,
      "Earth and Moon must take turns. Earth 000..004 followed by Moon 000..004 means the counters ran one " +
        "after the other: start both and wait for both with Promise.all.",
    ).toEqual(earthAndMoonLines);
  });

  it("starts both counters before either sleeps", async () => {
    const lines = captureConsole();
    const run = track(earthAndMoon());
    await vi.advanceTimersByTimeAsync(0);
    expect(run.error).toBeUndefined();
    expect(lines, "at 0 ms both counters have printed their first line").toEqual(earthAndMoonLines.slice(0, 2));
  });

  it("overlaps the sleeps: all ten lines by 800 ms, finished at 1000 ms, not 2000", async () => {
    const lines = captureConsole();
    const run = track(earthAndMoon());
    await vi.advanceTimersByTimeAsync(800);
    expect(lines, "each counter prints its fifth line at 800 ms").toHaveLength(10);
    await vi.advanceTimersByTimeAsync(199);
    expect(
      run.settled,
      "at 999 ms both counters still sleep after their last line: earthAndMoon() must wait for both (await Promise.all)",
    ).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(run.error).toBeUndefined();
    expect(run.settled, "the two 1000 ms counters overlap, so both are done at 1000 ms").toBe(true);
  });
});
