// The one place a verdict is decided, tested on evidence made by hand: what wins over what, which status and
// points each reason gives, and what a learner reads.
import { describe, expect, it } from "vitest";
import { findExercise, loadCurriculum } from "../src/curriculum/load-curriculum.ts";
import { workshop } from "../src/paths.ts";
import { compactDiff } from "../src/report/compact-diff.ts";
import {
  EXERCISE_STATUSES,
  type InconclusivePolicy,
  REASONS,
  type SpeedupReport,
  type TestResult,
} from "../src/result.ts";
import type { ChildMessage } from "../src/run/messages.ts";
import { decide, type Evidence } from "../src/verdict/decide.ts";
import { sentence } from "../src/verdict/explain.ts";
import { pointsFor, STATUS_OF } from "../src/verdict/statuses.ts";
import { errorText, type TestEvidence, testEvidence } from "../src/verdict/test-evidence.ts";

const curriculum = loadCurriculum(workshop.exercises);
const exercise = findExercise(curriculum, "2");

const passing = (name: string, hidden = false): TestResult => ({
  name,
  status: "passed",
  durationMs: 1,
  message: "",
  ...(hidden ? { hidden } : {}),
});
const failing = (name: string, message: string, extra: Partial<TestResult> = {}): TestResult => ({
  name,
  status: "failed",
  durationMs: 1,
  message,
  ...extra,
});

function tests(list: TestResult[], extra: Partial<TestEvidence> = {}): TestEvidence {
  return {
    tests: list,
    moduleErrors: [],
    hiddenModuleErrors: [],
    unhandled: [],
    output: "",
    timedOut: false,
    ...extra,
  };
}

function evidence(extra: Partial<Evidence>): Evidence {
  return {
    exercise,
    warnings: [],
    durationMs: 1234,
    timeLimitSeconds: 20,
    policy: "structure",
    showHidden: false,
    ...extra,
  };
}

const speedup = (verdict: SpeedupReport["verdict"], reason = "the reason"): SpeedupReport => ({
  verdict,
  reason,
  cores: 2,
  required: 1.4,
  ratios: [],
  windows: 0,
});

describe("statuses and reasons", () => {
  it("give every reason a status, and every status its points", () => {
    for (const reason of REASONS) expect(EXERCISE_STATUSES).toContain(STATUS_OF[reason]);
    for (const status of EXERCISE_STATUSES) {
      expect(pointsFor(status, 10, "zero")).toBe(status === "passed" ? 10 : 0);
    }
  });

  it("give an inconclusive speedup its points under the default policy, flagged for review, and none under zero", () => {
    const judged = (policy: InconclusivePolicy) =>
      decide(evidence({ tests: tests([passing("a")]), speedup: speedup("inconclusive"), policy }));
    expect(judged("structure")).toMatchObject({ status: "inconclusive", points: 5, review: expect.any(String) });
    expect(judged("zero")).toMatchObject({ status: "inconclusive", points: 0 });
    expect(judged("zero").review).toBeUndefined();
  });
});

describe("what wins", () => {
  const syntaxError = { shown: "x.ts", message: "Unexpected token", location: { file: "x.ts", line: 3, column: 7 } };

  it("a tampered test over everything the tests said", () => {
    const result = decide(
      evidence({
        tampered: { reason: "tampered-test", message: "x.test.ts was modified" },
        tests: tests([passing("a")]),
      }),
    );
    expect(result).toMatchObject({ status: "tampered", reason: "tampered-test", points: 0 });
  });

  it("a syntax error over failing tests, said with its place and one full stop", () => {
    const result = decide(evidence({ syntaxError, tests: tests([failing("a", "boom")]) }));
    expect(result).toMatchObject({ status: "failed", reason: "syntax-error", location: { line: 3 } });
    expect(result.message).toBe("syntax error in x.ts:3:7: Unexpected token. Fix it and grade again.");
  });

  it("running out of memory over the tests that failed because of it, with what usually causes it", () => {
    const result = decide(evidence({ tests: tests([], { crashed: { how: "signal SIGABRT", outOfMemory: true } }) }));
    expect(result).toMatchObject({ status: "crashed", reason: "out-of-memory" });
    expect(result.message).toMatch(/ran out of memory.*\[\.\.\.integers\(\)\]/s);
  });

  it("an untouched starter says not started, with its first TODO, whatever the tests said", () => {
    const untouched = { todo: "loop over integers()", location: { file: "even-numbers.ts", line: 9, column: 6 } };
    const result = decide(
      evidence({ untouched, tests: tests([failing("a", "expected Error: something to be undefined")]) }),
    );
    expect(result).toMatchObject({ reason: "not-started", location: { line: 9 } });
    expect(result.message).toBe('not started yet: the TODO "loop over integers()" is waiting for you.');
  });

  it("failures that are an earlier exercise's TODOs send the learner back to it", () => {
    const todo = "Error: TODO: 01-integers: write integers()";
    const result = decide(evidence({ tests: tests([failing("a", todo), failing("b", todo)]) }));
    expect(result).toMatchObject({ status: "failed", reason: "uses-unfinished" });
    expect(result.message).toMatch(/builds on your code of 01-integers, which is not written yet.*pnpm grade 1/);
  });

  it("the first failing test in the file's order, with its diff, and the others by name", () => {
    const diff = '- Expected\n+ Received\n\n  [\n-   "001 Mercury",\n+   "  1 Mercury",\n  ]';
    const result = decide(
      evidence({
        tests: tests([
          passing("a"),
          failing("b", "expected [ '  1 Mercury' ] to deeply equal [ '001 Mercury' ]", { diff }),
          failing("c", "x"),
        ]),
      }),
    );
    expect(result.message).toBe(
      "2 of 3 tests failed. First: \"b\":\nexpected [ '  1 Mercury' ] to deeply equal [ '001 Mercury' ]\nAlso failed: \"c\".",
    );
    expect(result.diff).toBe(diff);
  });

  it("hidden tests after every public one; the learner's report keeps their names only", () => {
    const hidden = failing("take closes its source", "expected 0 to be 1: the secret input", { hidden: true });
    const result = decide(evidence({ tests: tests([passing("a"), hidden]) }));
    expect(result).toMatchObject({ status: "failed", reason: "hidden-test-failed" });
    expect(result.message).toMatch(/1 of the 1 hidden test failed: "take closes its source"/);
    expect(JSON.stringify(result)).not.toContain("secret input");
    const instructors = decide(evidence({ tests: tests([passing("a"), hidden]), showHidden: true }));
    expect(instructors.tests.at(-1)?.message).toContain("secret input");
  });

  it("the speedup last: failed fails the exercise; one core passes it, saying the timing was skipped", () => {
    const slow = decide(evidence({ tests: tests([passing("a")]), speedup: speedup("failed", "it ran 1.0x") }));
    expect(slow).toMatchObject({ status: "failed", reason: "speedup-failed", points: 0 });
    const one = decide(evidence({ tests: tests([passing("a")]), speedup: speedup("structure-only", "one core") }));
    expect(one).toMatchObject({ status: "passed", points: 5 });
    expect(one.warnings).toEqual(["the speedup was not timed: one core"]);
  });
});

describe("the words a learner reads", () => {
  it("tells a learner whose file is missing to restore it, and one who submitted without it to hand it in", () => {
    const missing = { missingFile: "exercises/02-even-numbers/even-numbers.ts" };
    expect(decide(evidence(missing)).message).toMatch(/is missing: .* Restore the starter with `pnpm grade reset 2`/);
    expect(decide(evidence({ ...missing, submitted: true })).message).toBe(
      "exercises/02-even-numbers/even-numbers.ts is not in the submission: this exercise needs it. Hand it in with the others.",
    );
  });

  it("keep a message's spaces exactly, drop vitest's '.:' and end each sentence once", () => {
    expect(errorText({ name: "AssertionError", message: "the lines differ.: expected [ '  1 Mercury' ]" })).toBe(
      "the lines differ. expected [ '  1 Mercury' ]",
    );
    expect(sentence("'}' expected.")).toBe("'}' expected.");
    expect(sentence("'}' expected")).toBe("'}' expected.");
  });

  it("show where two long values differ, not the hundred lines where they agree", () => {
    const lines = Array.from({ length: 100 }, (_, i) => `    "line ${i}",`);
    lines[50] = '-   "line 50",\n+   "line fifty",';
    const shown = compactDiff(`- Expected\n+ Received\n\n  [\n${lines.join("\n")}\n  ]`);
    expect(shown).toContain('-   "line 50",');
    expect(shown).toContain('+   "line fifty",');
    expect(shown.split("\n").length).toBeLessThan(12);
  });
});

describe("the evidence of a run stopped at its time limit", () => {
  const file = "/tree/01-integers/integers.test.ts";
  const stopped = (messages: ChildMessage[]) =>
    testEvidence({ messages, rawOutput: "", timedOut: true, cancelled: false }, new Set(), (path) => path);

  it("counts the tests the test thread said had settled, though vitest never reported them", () => {
    const gathered = stopped([
      { type: "collected", file, names: ["a", "b", "c"] },
      { type: "settled", file, name: "a", passed: true },
      { type: "settled", file, name: "b", passed: false },
    ]);
    expect(gathered.tests.map((test) => [test.name, test.status])).toEqual([
      ["a", "passed"],
      ["b", "failed"],
    ]);
    expect(decide(evidence({ tests: gathered })).message).toMatch(/\(1 test had passed\)/);
  });

  it("keeps vitest's own report where it came, with its message, and counts that test once", () => {
    const gathered = stopped([
      { type: "settled", file, name: "a", passed: false },
      { type: "test", file, name: "a", status: "failed", durationMs: 3, errors: [{ name: "Error", message: "why" }] },
    ]);
    expect(gathered.tests).toEqual([expect.objectContaining({ name: "a", status: "failed", message: "Error: why" })]);
  });
});
