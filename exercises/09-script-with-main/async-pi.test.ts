import { dirname } from "node:path";
import { pathToFileURL } from "node:url";
import { runScript, targetFile } from "@workshop/test-kit";
import { describe, expect, it } from "vitest";

/** The script under test: a path, not an import, because the test runs it the way a learner does. */
const script = targetFile(import.meta.url, "async-pi.ts");
/** Normal runs take about 4 s on 2 cores; past this the script is stuck (a loop, an interval, a lost task). */
const KILL_AFTER_MS = 40_000;

/** Runs `node <args>` in the script's folder, as a learner runs it, and collects what it prints. */
const runNode = (args: string[]) => runScript(args, { cwd: dirname(script), timeoutMs: KILL_AFTER_MS });

const lines = (text: string) => text.split(/\r?\n/).filter((line) => line !== "");

const NUMBER = String.raw`(-?\d+(?:\.\d+)?(?:e[-+]?\d+)?)`;
const VALUE_LINE = new RegExp(`^Value of π: ${NUMBER}$`);
const TOOK_LINE = new RegExp(`^that took ${NUMBER} seconds$`);

/** How far an estimate from `samples` points may stray from pi: six standard errors of 4 * hits / samples. */
const sixStandardErrors = (samples: number) => 6 * Math.sqrt((Math.PI * (4 - Math.PI)) / samples);

describe("async-pi.ts, run as a script", () => {
  it("prints the lesson's two timed estimates, closes its pool and exits with code 0", {
    timeout: KILL_AFTER_MS + 10_000,
  }, async () => {
    const run = await runNode([script]);
    expect(
      run.timedOut,
      `the script did not exit within ${KILL_AFTER_MS / 1000} s (it normally takes a few seconds): is something ` +
        "still running, such as an endless loop, an interval or a task that never finishes?",
    ).toBe(false);
    // A promise main() did not await: printed, it reads "[object Promise]"; and main() ends (closing the pool) while
    // its tasks still run, which rejects them from inside the pool's library ("pool is closed").
    const printedPromise = /\[object Promise\]/.test(run.stdout);
    const closedUnderTasks = /pool is closed/.test(run.stderr);
    expect(
      printedPromise || closedUnderTasks,
      `${printedPromise ? 'the script printed "[object Promise]"' : "the pool was closed while its tasks still ran"}: ` +
        "main() went on without awaiting a call (such as `calcPiSplit(...)` without `await`). Await every call " +
        "whose result you use, so that main() ends only when its work has.",
    ).toBe(false);
    expect(run.exitCode, `the script failed. It printed to stderr:\n${run.stderr}`).toBe(0);
    // The pool warns on stderr when the process exits with a pool still open.
    expect(
      run.stderr,
      "the script left its pool open: create it with `await using pool = await createPiPool()` inside main()",
    ).not.toMatch(/never closed/);

    const printed = lines(run.stdout);
    expect(
      printed,
      "expected exactly four lines: `Value of π: ...` and `that took ... seconds` after the run of 10^8 samples, " +
        "then the same two after calcPiSplit(pool, 10^7, 10). Is main() called when the file runs as a script?",
    ).toHaveLength(4);

    const [value1 = "", took1 = "", value2 = "", took2 = ""] = printed;
    for (const [line, pattern, what] of [
      [value1, VALUE_LINE, "Value of π: <estimate>"],
      [took1, TOOK_LINE, "that took <seconds> seconds (print the time after the `await using` scope has ended)"],
      [value2, VALUE_LINE, "Value of π: <estimate>"],
      [took2, TOOK_LINE, "that took <seconds> seconds (print the time after the `await using` scope has ended)"],
    ] as const) {
      expect(line, `a line like "${what}"`).toMatch(pattern);
    }

    // Both runs use 10^8 samples in total: one task of 10^8, then 10 tasks of 10^7.
    for (const line of [value1, value2]) {
      const pi = Number(VALUE_LINE.exec(line)?.[1]);
      expect(Math.abs(pi - Math.PI), `${line}: within 6 standard errors of pi for 10^8 samples`).toBeLessThan(
        sixStandardErrors(1e8),
      );
    }
    for (const line of [took1, took2]) {
      const seconds = Number(TOOK_LINE.exec(line)?.[1]);
      expect(seconds, `${line}: a time in seconds is positive`).toBeGreaterThan(0);
    }
  });
});

describe("async-pi.ts, imported as a module", () => {
  it("runs nothing on import: main() only starts when the file is the script Node runs", {
    timeout: KILL_AFTER_MS + 10_000,
  }, async () => {
    // The same as `import { main } from "./async-pi.ts"` in another module, in a fresh Node so that a main()
    // started by mistake cannot leave a pool running in the test process.
    const importIt = `const module = await import(${JSON.stringify(pathToFileURL(script).href)}); console.log(typeof module.main);`;
    const run = await runNode(["--input-type=module", "--eval", importIt]);
    expect(run.timedOut, "importing the file did not finish: is main() started at import time?").toBe(false);
    expect(run.exitCode, `importing the file failed. stderr:\n${run.stderr}`).toBe(0);
    expect(
      lines(run.stdout),
      "importing async-pi.ts should print nothing (only this test's own `function` line): " +
        "guard the call to main() with `if (isEntryPoint(import.meta.url))`",
    ).toEqual(["function"]);
  });
});
