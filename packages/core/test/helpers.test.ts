import { afterEach, describe, expect, it, vi } from "vitest";
import { sleep } from "../src/sleep.ts";
import { take } from "../src/take.ts";
import { timer } from "../src/timer.ts";

afterEach(() => {
  vi.useRealTimers();
});

describe("take", () => {
  it("takes from an infinite generator and pulls no more than asked", () => {
    let pulled = 0;
    function* naturals() {
      while (true) yield ++pulled;
    }
    expect([...take(3, naturals())]).toEqual([1, 2, 3]);
    expect(pulled).toBe(3);
    expect([...take(0, naturals())]).toEqual([]);
    expect(pulled).toBe(3);
  });
});

describe("sleep", () => {
  it("resolves after the given time, and not before", async () => {
    vi.useFakeTimers();
    let done = false;
    const sleeping = sleep(200).then(() => {
      done = true;
    });
    await vi.advanceTimersByTimeAsync(199);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await sleeping;
    expect(done).toBe(true);
  });
});

describe("timer", () => {
  it("is undefined inside its scope and holds the elapsed seconds after it", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "performance"] });
    const t = timer();
    {
      await using _scope = t;
      const sleeping = sleep(200);
      await vi.advanceTimersByTimeAsync(200);
      await sleeping;
      expect(t.time).toBeUndefined();
    }
    expect(t.time).toBeCloseTo(0.2, 6);
  });

  it("records the time even when the scope throws", async () => {
    let now = 1_000;
    const t = timer(() => now);
    await expect(
      (async () => {
        await using _scope = t;
        now += 500;
        throw new Error("work failed");
      })(),
    ).rejects.toThrow("work failed");
    expect(t.time).toBe(0.5);
  });
});
