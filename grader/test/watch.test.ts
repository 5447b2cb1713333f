// Watch mode end to end: a learner's copy of the first exercise, the grader watching it, a save that solves
// it, and the keys a learner presses. It runs on a temporary tree (--target) with a temporary state folder.
import { type ChildProcess, spawn } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { exercisesDir, solutionsDir } from "../src/paths.ts";

const bin = fileURLToPath(new URL("../src/bin.ts", import.meta.url));

/** A running `pnpm grade --watch`, with a way to wait for a line of its output. */
function startWatch(target: string, stateDir: string) {
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", bin, "--watch", "--target", target, "1"], {
    stdio: ["pipe", "pipe", "pipe"],
    env: { ...process.env, NO_COLOR: "1", WORKSHOP_STATE_DIR: stateDir },
  });
  let output = "";
  const waiters: { pattern: RegExp; resolve: () => void }[] = [];
  child.stdout?.setEncoding("utf8").on("data", (chunk: string) => {
    output += chunk;
    for (const waiter of waiters.filter((w) => w.pattern.test(output))) {
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve();
    }
  });
  /** Resolves when the output matches; rejects after 30 s with the output so far, to show what went wrong. */
  const waitFor = (pattern: RegExp) =>
    new Promise<void>((resolve, reject) => {
      if (pattern.test(output)) return resolve();
      const timer = setTimeout(() => reject(new Error(`no ${pattern} in the output:\n${output}`)), 30_000);
      waiters.push({
        pattern,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      });
    });
  const exited = new Promise<number | null>((resolve) => child.on("close", resolve));
  return { child, waitFor, exited, output: () => output };
}

let running: ChildProcess | undefined;
afterEach(() => {
  running?.kill("SIGKILL");
});

describe("pnpm grade --watch", () => {
  it("re-grades on save, moves on when the exercise passes, and answers h, l and q", { timeout: 60_000 }, async () => {
    const target = mkdtempSync(join(tmpdir(), "grader-watch-"));
    mkdirSync(join(target, "01-integers"));
    const learnerFile = join(target, "01-integers", "integers.ts");
    copyFileSync(join(exercisesDir, "01-integers", "integers.ts"), learnerFile);
    const watch = startWatch(target, mkdtempSync(join(tmpdir(), "grader-state-")));
    running = watch.child;

    await watch.waitFor(/01-integers\s+✗ failed[\s\S]*watching 01-integers\//);
    watch.child.stdin?.write("h\n");
    await watch.waitFor(/01-integers · hint 1 of \d/);

    const savedAt = performance.now();
    copyFileSync(join(solutionsDir, "01-integers", "integers.ts"), learnerFile);
    await watch.waitFor(/01-integers passes! On to 02-even-numbers/);
    const regradeMs = performance.now() - savedAt;

    watch.child.stdin?.write("l\n");
    await watch.waitFor(/→ 02-even-numbers/);
    watch.child.stdin?.write("q\n");
    expect(await watch.exited).toBe(0);
    // Generous on purpose: the speed target (1.5 s) is measured by the benchmark, not asserted here.
    expect(regradeMs, "a save should be re-graded within seconds").toBeLessThan(20_000);
  });
});
