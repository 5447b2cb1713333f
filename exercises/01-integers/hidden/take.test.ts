// Hidden: cases the public tests leave out. Catches a take() that pulls with next() by hand and, when it has
// enough, walks away without closing the source (the public tests count what is pulled, not whether the source
// is told it is done).
import { describe, expect, it } from "vitest";
import { integers, take } from "../integers.ts";

describe("take(count, source), hidden", () => {
  it("closes a generator source when it stops early, so the source's finally blocks run", () => {
    let closed = false;
    function* source() {
      try {
        yield* integers();
      } finally {
        closed = true;
      }
    }
    expect([...take(2, source())]).toEqual([1, 2]);
    expect(closed, "take should end the source it stops reading (for...of does, by calling return())").toBe(true);
  });

  it("yields nothing for a negative count", () => {
    expect([...take(-3, integers())]).toEqual([]);
  });
});
