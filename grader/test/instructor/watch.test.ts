// Watch mode end to end, on real processes: a learner's copy of the first exercises, the grader watching it, a
// save that solves one, the keys a learner presses, and quitting in the middle of a grade.

import { copyFileSync, mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { workshop } from "../../src/paths.ts";
import { loadState } from "../../src/state.ts";
import { killStartedCommands, startCli } from "../run-grader.ts";
import { runningCommandLines } from "../support/command-lines.ts";
import { copyWorkshop } from "../support/workshop-copy.ts";

afterEach(killStartedCommands);

/** A folder laid out like exercises/ with the starters of `ids`, and a state folder of its own. */
function learnerTree(ids: string[]) {
  const target = mkdtempSync(join(tmpdir(), "grader-watch-"));
  for (const id of ids) {
    mkdirSync(join(target, id));
    for (const file of ["integers.ts", "even-numbers.ts", "pi-split.ts"]) {
      try {
        copyFileSync(join(workshop.exercises, id, file), join(target, id, file));
      } catch {
        // Not a file of this exercise.
      }
    }
  }
  return { target, state: mkdtempSync(join(tmpdir(), "grader-state-")) };
}

describe("pnpm grade --watch", () => {
  it("re-grades on save, moves on when the exercise passes, and answers h, l and q", { timeout: 60_000 }, async () => {
    const { target, state } = learnerTree(["01-integers", "02-even-numbers"]);
    const watch = startCli(["--watch", "--target", target, "1"], { WORKSHOP_STATE_DIR: state });

    await watch.waitFor(/01-integers\s+✗ failed[\s\S]*watching 01-integers\//);
    expect(watch.output()).toMatch(/not started yet: the TODO/);
    watch.write("h\n");
    await watch.waitFor(/01-integers · hint 1 of \d[\s\S]*Press h again for hint 2 of/);

    const savedAt = performance.now();
    copyFileSync(join(workshop.solutions, "01-integers", "integers.ts"), join(target, "01-integers", "integers.ts"));
    const passedAt = await watch.waitFor(/01-integers passes! On to 02-even-numbers/);

    watch.write("l\n");
    await watch.waitFor(/→ 02-even-numbers/);
    watch.write("q\n");
    expect(await watch.exited).toBe(0);
    // Generous on purpose: the speed target (0.5 s) is measured by the benchmark, not asserted here.
    expect(passedAt - savedAt, "a save should be re-graded within seconds").toBeLessThan(20_000);
  });

  it("stops at once when q is pressed in the middle of a long grade, kills its processes and records nothing", {
    timeout: 60_000,
  }, async () => {
    const copy = copyWorkshop();
    // A split that never settles keeps the exercise grading until its limit (60 s).
    copyFileSync(
      join(workshop.root, "grader/test/fixtures/mistakes/08-pi-split/pi-split.ts"),
      join(copy, "exercises/08-pi-split/pi-split.ts"),
    );
    const watch = startCli(
      ["--watch", "8"],
      { WORKSHOP_STATE_DIR: join(copy, ".workshop") },
      join(copy, "grader/bin/grade.js"),
    );
    await watch.waitFor(/grading 08-pi-split…/);
    // Long enough that the tests are running: the test process is up and a test waits for the promise.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const quitAt = performance.now();
    watch.write("q\n");
    expect(await watch.exited).toBe(0);
    expect(performance.now() - quitAt, "q ends the session within a second").toBeLessThan(1_000);
    expect(watch.output()).not.toMatch(/08-pi-split\s+(✗|◷)/);
    expect(loadState(join(copy, ".workshop", "state.json")).lastStatus["08-pi-split"]).toBeUndefined();
    const left = runningCommandLines().filter((line) => line.includes(copy));
    expect(left, "no process of the session is left").toEqual([]);
  });
});
