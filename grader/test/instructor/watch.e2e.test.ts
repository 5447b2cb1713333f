// Watch mode keeps moving with the learner: past a speedup a busy machine could not time, to the exercise they
// save in, never out of the session on its own, and with the warnings of a pass shown as `pnpm grade` shows them.
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { loadCurriculum } from "../../src/curriculum/load-curriculum.ts";
import { workshop } from "../../src/paths.ts";
import { fixture, killStartedCommands, startCli } from "../run-grader.ts";
import { copyWorkshop } from "../support/workshop-copy.ts";

afterEach(killStartedCommands);

/** A folder laid out like exercises/, each exercise's folder copied from the tree named for it. */
function tree(sources: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), "grader-watch-"));
  for (const [id, from] of Object.entries(sources)) cpSync(join(from, id), join(root, id), { recursive: true });
  return root;
}

const state = () => ({ WORKSHOP_STATE_DIR: mkdtempSync(join(tmpdir(), "grader-state-")) });

describe("pnpm grade --watch", () => {
  it("moves on from an exercise whose speedup the machine was too busy to time", { timeout: 120_000 }, async () => {
    const target = tree({ "08-pi-split": workshop.solutions, "09-script-with-main": workshop.exercises });
    // The first speedup of 08 is measured, then read as a busy machine's `inconclusive`.
    const watch = startCli(["--watch", "--target", target, "8"], {
      ...state(),
      WORKSHOP_SIMULATE_BUSY: "practice:08-pi-split",
    });
    await watch.waitFor(/08-pi-split\s+\? inconclusive/, 90_000);
    await watch.waitFor(/08-pi-split's tests pass; grade it again on a quieter machine .* On to 09-script-with-main/);
    await watch.waitFor(/grading 09-script-with-main…[\s\S]*watching 09-script-with-main\//, 60_000);
    watch.write("q\n");
    expect(await watch.exited).toBe(0);
  });

  it("grades a save in another exercise's folder, which becomes the one it watches", { timeout: 90_000 }, async () => {
    const target = tree({ "01-integers": workshop.exercises, "02-even-numbers": workshop.exercises });
    const watch = startCli(["--watch", "--target", target, "1"], state());
    await watch.waitFor(/watching 01-integers\//, 60_000);
    const from = watch.output().length;
    copyFileSync(
      join(workshop.solutions, "02-even-numbers", "even-numbers.ts"),
      join(target, "02-even-numbers", "even-numbers.ts"),
    );
    await watch.waitFor(/saved in 02-even-numbers\/: grading it\s+grading 02-even-numbers…/, 30_000, from);
    await watch.waitFor(/02-even-numbers\s+✗ failed/, 60_000, from);
    watch.write("q\n");
    expect(await watch.exited).toBe(0);
  });

  it("keeps watching an exercise that passes when every other one has passed too, until q", {
    timeout: 120_000,
  }, async () => {
    const copy = copyWorkshop();
    copyFileSync(
      join(workshop.solutions, "02-even-numbers", "even-numbers.ts"),
      join(copy, "exercises/02-even-numbers/even-numbers.ts"),
    );
    copyFileSync(
      join(workshop.solutions, "01-integers", "integers.ts"),
      join(copy, "exercises/01-integers/integers.ts"),
    );
    const stateDir = join(copy, ".workshop");
    const passed = Object.fromEntries(loadCurriculum(workshop.exercises).map((exercise) => [exercise.id, "passed"]));
    mkdirSync(stateDir, { recursive: true });
    writeFileSync(join(stateDir, "state.json"), JSON.stringify({ version: 1, hintsShown: {}, lastStatus: passed }));
    const watch = startCli(["watch", "2"], { WORKSHOP_STATE_DIR: stateDir }, join(copy, "grader/bin/grade.js"));
    await watch.waitFor(/Every exercise passes\. Well done![\s\S]*watching 02-even-numbers\//, 90_000);
    // Still there a moment later, and still grading saves.
    const exit = await Promise.race([
      watch.exited,
      new Promise((resolve) => setTimeout(() => resolve("running"), 1_500)),
    ]);
    expect(exit, "the session must not end on its own").toBe("running");
    const from = watch.output().length;
    copyFileSync(
      join(workshop.solutions, "02-even-numbers", "even-numbers.ts"),
      join(copy, "exercises/02-even-numbers/even-numbers.ts"),
    );
    await watch.waitFor(/grading 02-even-numbers…/, 30_000, from);
    watch.write("q\n");
    expect(await watch.exited).toBe(0);
  });

  it("shows a pass's type warnings, as `pnpm grade 1` does", { timeout: 90_000 }, async () => {
    const watch = startCli(["--watch", "--target", fixture("type-error"), "1"], state());
    await watch.waitFor(/01-integers\s+✓ passed[^\n]*\n\s+warning: type error at .*integers\.ts:4:9/, 60_000);
    watch.write("q\n");
    expect(await watch.exited).toBe(0);
  });
});
