import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import pc from "picocolors";
import { describe, expect, it } from "vitest";
import { readModuleShape } from "../src/analysis/module-shape.ts";
import { parseDiagnostics } from "../src/analysis/type-check.ts";
import { graderCores, machineCores } from "../src/machine.ts";
import { gitBlobId } from "../src/manifest.ts";
import { fitToWidth, formatSpeedup, formatSummary } from "../src/report/terminal.ts";
import type { ExerciseResult, GradeReport, SpeedupReport } from "../src/result.ts";
import { OutputBuffer } from "../src/run/output-buffer.ts";
import { posixPlatform, windowsPlatform } from "../src/run/process-tree.ts";
import { forgetResult, loadState, recordResult, saveState, updateState } from "../src/state.ts";
import { plainText } from "../src/text/plain-text.ts";
import { fixture } from "./run-grader.ts";
import { practiceSession } from "./support/practice-session.ts";

const scratch = () => mkdtempSync(join(tmpdir(), "grader-unit-"));

describe("the progress state file", () => {
  it("starts fresh when the file is missing", () => {
    expect(loadState(join(scratch(), "state.json")).lastStatus).toEqual({});
  });

  it("sets a corrupt file aside, says so, and starts fresh instead of failing", () => {
    const file = join(scratch(), "state.json");
    writeFileSync(file, "{ not json");
    const warnings: string[] = [];
    expect(loadState(file, (m) => warnings.push(m))).toEqual({
      version: 1,
      hintsShown: {},
      lastStatus: {},
      lastResult: {},
    });
    expect(warnings[0]).toMatch(/moved to .*state\.json\.corrupt-/);
  });

  it("round-trips what it saves, and forgets statuses this grader no longer gives", () => {
    const file = join(scratch(), "deeper", "state.json");
    saveState(file, {
      version: 1,
      hintsShown: { "01-integers": 2 },
      lastStatus: { "01-integers": "passed" },
      lastResult: {},
    });
    expect(loadState(file).hintsShown).toEqual({ "01-integers": 2 });
    writeFileSync(file, JSON.stringify({ version: 1, hintsShown: {}, lastStatus: { "01-integers": "skipped" } }));
    expect(loadState(file).lastStatus).toEqual({});
  });

  it("keeps the latest result of each exercise beside its status, for the app, and forgets it with the status", () => {
    const file = join(scratch(), "state.json");
    const result = { id: "01-integers", status: "passed", tests: [] } as unknown as ExerciseResult;
    recordResult(file, result, new Date("2026-01-02T03:04:05Z"));
    expect(loadState(file).lastResult).toEqual({ "01-integers": { gradedAt: "2026-01-02T03:04:05.000Z", result } });
    // A file written by an older grader has no results: it still loads, with none.
    writeFileSync(file, JSON.stringify({ version: 1, hintsShown: {}, lastStatus: { "01-integers": "passed" } }));
    expect(loadState(file)).toMatchObject({ lastStatus: { "01-integers": "passed" }, lastResult: {} });
    recordResult(file, result);
    updateState(file, (state) => forgetResult(state, "01-integers"));
    expect(loadState(file)).toMatchObject({ lastStatus: {}, lastResult: {} });
  });
});

describe("reading a module's shape without running it", () => {
  it("lists value exports and leaves out type-only ones", () => {
    const file = join(scratch(), "code.ts");
    writeFileSync(
      file,
      "export function a() {}\nexport const b = 1, c = 2;\nexport class D {}\nexport type T = 1;\n" +
        "export interface I {}\nconst e = 1;\nexport { e, type T as U };\n",
    );
    expect(readModuleShape(file)).toEqual({ names: ["a", "b", "c", "D", "e"] });
  });

  it("reports the first syntax error with its line and column", () => {
    const file = join(scratch(), "broken.ts");
    writeFileSync(file, "export function a() {\n  return (1 + ;\n}\n");
    expect(readModuleShape(file).syntaxError).toMatchObject({ location: { file, line: 2 } });
  });
});

describe("type warnings", () => {
  it("read tsgo's diagnostics, three a file at most, with the path the learner knows", () => {
    const output = [
      "a.ts(1,14): error TS2322: Type 'string' is not assignable to type 'number'.",
      "a.ts(2,1): error TS2304: Cannot find name 'x'.",
      "a.ts(3,1): error TS2304: Cannot find name 'y'.",
      "a.ts(4,1): error TS2304: Cannot find name 'z'.",
      "b.ts(7,3): error TS2345: Argument of type 'number'",
      "  is not assignable to parameter of type 'string'.",
    ].join("\n");
    const warnings = parseDiagnostics(output, "/t", (file) => `shown${file}`);
    expect(warnings.get("/t/a.ts")).toEqual([
      "type error at shown/t/a.ts:1:14: Type 'string' is not assignable to type 'number'.",
      "type error at shown/t/a.ts:2:1: Cannot find name 'x'.",
      "type error at shown/t/a.ts:3:1: Cannot find name 'y'.",
      "… and 1 more type errors in that file",
    ]);
    expect(warnings.get("/t/b.ts")).toEqual([
      "type error at shown/t/b.ts:7:3: Argument of type 'number' is not assignable to parameter of type 'string'.",
    ]);
  });
});

describe("text from the learner's code", () => {
  it("keeps the first characters up to the cap and says how much it cut", () => {
    const buffer = new OutputBuffer(10);
    buffer.append("0123456789abcdef");
    buffer.append("more");
    expect(buffer.toString()).toBe("0123456789\n… 10 more characters of output were cut");
  });

  it("loses its terminal control sequences: colours, cursor moves, screen clears, titles", () => {
    const hostile = "\u001b[2J\u001b[H\u001b]0;pwned\u0007\u001b[32m✓ 10/10 passed\u001b[0m\r\n\u0000bell\u0007";
    expect(plainText(hostile)).toBe("✓ 10/10 passed\n\ufffdbell\ufffd");
  });

  it("is cut at a word to fit the terminal, and kept whole when the width is unknown", () => {
    const text = "not started yet: the TODO is waiting for you";
    expect(fitToWidth(text, 30)).toBe("not started yet: the TODO is…");
    expect(fitToWidth(text, undefined)).toBe(text);
  });
});

describe("git blob ids", () => {
  it("match git's own hash of a file", () => {
    // `printf 'hello\n' | git hash-object --stdin` prints this id.
    expect(gitBlobId(Buffer.from("hello\n"))).toBe("ce013625030ba8dba906f756967f9e9ca394464a");
  });
});

describe("the cores the grader sees", () => {
  it("are the machine's, or WORKSHOP_CORES, which must be a whole number", () => {
    expect(graderCores({})).toBeGreaterThanOrEqual(1);
    expect(graderCores({ WORKSHOP_CORES: "16" })).toBe(16);
    expect(() => graderCores({ WORKSHOP_CORES: "many" })).toThrow(/WORKSHOP_CORES must be a whole number/);
    expect(() => graderCores({ WORKSHOP_CORES: "0" })).toThrow(/from 1 to 1024, not "0"/);
  });

  it("are told apart from the machine's own, which the override never changes", () => {
    // The affinity's, or fewer under a CPU quota: machine.test.ts proves which, on fake cgroup files.
    expect(machineCores()).toBeGreaterThanOrEqual(1);
    expect(machineCores()).toBeLessThanOrEqual(availableParallelism());
  });

  it("are named in the summary when the speedup could not be timed: one core, or more than the machine has", () => {
    const ada = JSON.parse(readFileSync(fixture("class-results/ada.json"), "utf8")) as GradeReport;
    const untimedOn = (cores: number): GradeReport => ({
      ...ada,
      exercises: ada.exercises.map((e) =>
        e.speedup
          ? { ...e, speedup: { verdict: "structure-only", reason: "", cores, required: 1.4, ratios: [], windows: 0 } }
          : e,
      ),
    });
    const summary = (report: GradeReport) => formatSummary(report, [], 1000, pc.createColors(false));
    expect(summary(untimedOn(1))).toContain(
      "speedup not timed for 08, 09, 10: the grader sees one core (structure checked only)",
    );
    expect(summary(untimedOn(64))).toContain(
      "speedup not timed for 08, 09, 10: WORKSHOP_CORES=64 is more cores than this machine has (structure checked only)",
    );
    expect(summary(ada)).not.toContain("not timed");
    expect(formatSummary(untimedOn(1), [], 1000, pc.createColors(false), new Set(), "CPU quota 1 of 16")).toContain(
      "speedup not timed for 08, 09, 10: the grader sees one core (CPU quota 1 of 16) (structure checked only)",
    );
  });

  it("say where they come from beside a timed speedup, when the report is of this machine's count", () => {
    const speedup: SpeedupReport = {
      verdict: "passed",
      reason: "",
      cores: 2,
      required: 1.4,
      ratios: [1.8],
      windows: 1,
      measured: 1.8,
    };
    const plain = pc.createColors(false);
    expect(formatSpeedup(speedup, plain, false, "CPU quota 2 of 16")[0]).toBe(
      "speedup: 1.80x measured, 1.40x required on 2 cores (CPU quota 2 of 16)",
    );
    expect(formatSpeedup(speedup, plain)[0]).toBe("speedup: 1.80x measured, 1.40x required on 2 cores");
  });
});

describe("stopping a child and all it started", () => {
  it("on POSIX, signals the child's process group, and starts children in groups of their own", () => {
    const signals: [number, string][] = [];
    const posix = posixPlatform((pid, signal) => signals.push([pid, signal]));
    posix.killTree(4242);
    expect(signals).toEqual([[-4242, "SIGKILL"]]);
    expect(posix.spawnOptions()).toEqual({ detached: true });
    const gone = posixPlatform(() => {
      throw Object.assign(new Error("no such process"), { code: "ESRCH" });
    });
    expect(() => gone.killTree(1)).not.toThrow();
  });

  it("on Windows, ends the child's tree with taskkill /T /F, and keeps consoles hidden", () => {
    const commands: string[][] = [];
    const windows = windowsPlatform((file, args) => commands.push([file, ...args]));
    windows.killTree(4242);
    expect(commands).toEqual([["taskkill", "/pid", "4242", "/T", "/F"]]);
    expect(windows.spawnOptions()).toEqual({ detached: false, windowsHide: true });
  });
});

describe("a run's time", () => {
  it("counts from when the run began, a command's own start included, where one is given", async () => {
    const session = practiceSession();
    const elapsed = async (startedAt?: number) => {
      let ms = Number.NaN;
      await session.grade([], {
        listeners: [
          (event) => {
            if (event.type === "run-finished") ms = event.elapsedMs;
          },
        ],
        ...(startedAt === undefined ? {} : { startedAt }),
      });
      return ms;
    };
    const began = performance.now() - 5_000;
    expect(await elapsed(began)).toBeGreaterThanOrEqual(5_000);
    expect(await elapsed()).toBeLessThan(5_000);
    session.close();
  });
});
