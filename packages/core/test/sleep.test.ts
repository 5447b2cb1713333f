import { afterEach, describe, expect, it, vi } from "vitest";
import { sleep } from "../src/sleep.ts";

afterEach(() => {
  vi.useRealTimers();
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
