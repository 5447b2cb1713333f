// Which saves re-grade: a TypeScript file of an exercise (once per burst of writes), a plot the learner's main()
// wrote; nothing in node_modules, the hidden tests, or a folder that is no exercise.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Saved, watchSaves } from "@workshop/grader/session";
import { afterEach, describe, expect, it } from "vitest";

let stop: (() => Promise<void>) | undefined;
let root: string;
afterEach(async () => {
  await stop?.();
  rmSync(root, { recursive: true, force: true });
});

/** A folder laid out like exercises/, watched; resolves once the watcher is ready. */
async function watched(poll = false): Promise<Saved[]> {
  root = mkdtempSync(join(tmpdir(), "app-watch-"));
  for (const folder of ["01-integers", "01-integers/hidden", "01-integers/node_modules", "10-efficiency", "notes"]) {
    mkdirSync(join(root, folder), { recursive: true });
  }
  const saves: Saved[] = [];
  stop = watchSaves(root, ["01-integers", "10-efficiency"], poll, (saved) => saves.push(saved));
  // chokidar reads the tree before it reports anything: give it the time to, on a busy machine too.
  await new Promise((resolve) => setTimeout(resolve, poll ? 1500 : 500));
  return saves;
}

const settled = () => new Promise((resolve) => setTimeout(resolve, 1500));

describe("watchSaves", () => {
  it("reports a burst of writes to an exercise's .ts file as one save", async () => {
    const saves = await watched();
    for (const text of ["a", "ab", "abc"]) writeFileSync(join(root, "01-integers/integers.ts"), text);
    await expect.poll(() => saves, { timeout: 5000 }).toEqual([{ exerciseId: "01-integers", kind: "code" }]);
    await settled();
    expect(saves).toHaveLength(1);
  });

  it("reports the learner's plot apart, and ignores what is not the learner's", async () => {
    const saves = await watched();
    writeFileSync(join(root, "01-integers/hidden/take.test.ts"), "x");
    writeFileSync(join(root, "01-integers/node_modules/x.ts"), "x");
    writeFileSync(join(root, "01-integers/notes.md"), "x");
    writeFileSync(join(root, "notes/a.ts"), "x");
    writeFileSync(join(root, "10-efficiency/efficiency.timings.svg"), "<svg/>");
    await expect.poll(() => saves, { timeout: 5000 }).toEqual([{ exerciseId: "10-efficiency", kind: "plot" }]);
    await settled();
    expect(saves).toHaveLength(1);
  });

  it("sees saves by polling where file-system events do not arrive", async () => {
    const saves = await watched(true);
    writeFileSync(join(root, "10-efficiency/efficiency.ts"), "x");
    await expect.poll(() => saves, { timeout: 5000 }).toEqual([{ exerciseId: "10-efficiency", kind: "code" }]);
  });
});
