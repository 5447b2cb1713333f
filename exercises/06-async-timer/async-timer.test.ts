import { captureConsole } from "@workshop/test-kit";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { sleepAndReport, timer } from "./async-timer.ts";

// A fake clock: `performance.now()` (and `Date.now()` or `process.hrtime`, for a timer built on them) moves only
// when a test advances it, by exactly that many milliseconds, so "200 ms" is exactly 0.2 s and no test waits.
beforeEach(() => {
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "performance", "Date", "hrtime"] });
});
afterEach(() => {
  vi.useRealTimers();
});

/** A fake-clock sleep for the test's own scopes. */
function fakeSleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Watches a promise without awaiting it, so a test can ask "has it finished yet?" at any fake moment. */
function track<T>(promise: Promise<T>) {
  const state = { settled: false, value: undefined as T | undefined, error: undefined as unknown };
  promise.then(
    (value) => {
      state.settled = true;
      state.value = value;
    },
    (error: unknown) => {
      state.settled = true;
      state.error = error;
    },
  );
  return state;
}

/**
 * What a test says when a scope threw: a plain `using`, or a timer without an async disposer, throws "Object is not
 * disposable", which names neither cause.
 */
function threw(what: string, error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  if (!/not disposable/i.test(text)) return `${what} threw: ${text}`;
  return (
    `${what} threw "${text}": \`await using\` needs an object with an \`async [Symbol.asyncDispose]()\` method ` +
    "(timer() must return one), and plain `using` looks for `[Symbol.dispose]` instead: write `await using`"
  );
}

describe("timer()", () => {
  it("leaves `time` undefined while the scope runs", async () => {
    const t = timer();
    const seenInside: unknown[] = [];
    const scope = track(
      (async () => {
        await using _ = t;
        seenInside.push(t.time);
        await fakeSleep(200);
        seenInside.push(t.time);
      })(),
    );
    await vi.advanceTimersByTimeAsync(200);
    expect(scope.error, threw("a scope with `await using _ = timer()`", scope.error)).toBeUndefined();
    expect(seenInside, "time is undefined until the scope ends, like Python's Elapsed(time=None)").toEqual([
      undefined,
      undefined,
    ]);
  });

  it("holds the elapsed seconds once the scope has ended: 0.2 after a 200 ms sleep", async () => {
    const t = timer();
    const scope = track(
      (async () => {
        await using _ = t;
        await fakeSleep(200);
      })(),
    );
    await vi.advanceTimersByTimeAsync(200);
    expect(scope.error, threw("a scope with `await using _ = timer()`", scope.error)).toBeUndefined();
    expect(t.time, "seconds, not milliseconds: performance.now() counts milliseconds").toBeCloseTo(0.2, 9);
  });

  it("counts from timer() to the end of the scope, each timer with its own start", async () => {
    const outer = timer();
    let inner: ReturnType<typeof timer> | undefined;
    const scope = track(
      (async () => {
        await using _outer = outer;
        await fakeSleep(100);
        inner = timer();
        {
          await using _inner = inner;
          await fakeSleep(1500);
        }
        await fakeSleep(300);
      })(),
    );
    await vi.advanceTimersByTimeAsync(1900);
    expect(scope.error, threw("two nested `await using` scopes", scope.error)).toBeUndefined();
    expect(inner?.time, "the inner timer ran for 1500 ms only").toBeCloseTo(1.5, 9);
    expect(outer.time, "the outer timer ran for 100 + 1500 + 300 ms").toBeCloseTo(1.9, 9);
  });

  it("still records the time when the scope ends with an exception", async () => {
    const t = timer();
    const scope = track(
      (async () => {
        await using _ = t;
        await fakeSleep(200);
        throw new Error("the work failed");
      })(),
    );
    await vi.advanceTimersByTimeAsync(200);
    expect(scope.error, "the error still reaches the caller").toBeInstanceOf(Error);
    expect(t.time, "the disposer runs however the scope ends").toBeCloseTo(0.2, 9);
  });
});

describe("sleepAndReport(ms)", () => {
  it("prints the lesson's line, `that took 0.2 seconds`, and returns the seconds", async () => {
    const lines = captureConsole();
    const run = track(sleepAndReport(200));
    await vi.advanceTimersByTimeAsync(200);
    expect(run.error, threw("sleepAndReport(200)", run.error)).toBeUndefined();
    expect(run.settled, "sleepAndReport(200) is done after 200 ms").toBe(true);
    expect(lines, "one line, printed after the timed block").toHaveLength(1);
    expect(
      lines[0],
      "`t.time` is set when the timer's `await using` scope ends, and not before: print it after that scope " +
        "(a block of its own around the sleep). Without `await using`, nothing stops the timer at all",
    ).toMatch(/^that took 0\.2\d* seconds$/);
    expect(run.value, "sleepAndReport returns the seconds it printed").toBeCloseTo(0.2, 9);
  });

  it("really sleeps: it reports only after the whole sleep", async () => {
    const lines = captureConsole();
    const run = track(sleepAndReport(1000));
    await vi.advanceTimersByTimeAsync(999);
    expect(run.settled, "still sleeping at 999 ms of a 1000 ms sleep").toBe(false);
    expect(lines, "nothing to report before the scope ends").toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(run.error, threw("sleepAndReport(1000)", run.error)).toBeUndefined();
    expect(run.value, "a 1000 ms sleep takes 1 second").toBeCloseTo(1, 9);
    expect(lines, "the printed seconds are the returned seconds").toEqual([`that took ${run.value} seconds`]);
  });
});
