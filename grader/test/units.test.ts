import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { readModuleShape } from "../src/analysis/module-shape.js";
import { findExercise, loadCurriculum } from "../src/curriculum.ts";
import { UsageError } from "../src/errors.ts";
import { readHints } from "../src/hints.ts";
import { applyTestManifest, gitBlobId, type Manifest } from "../src/manifest.ts";
import { exercisesDir, repoRoot } from "../src/paths.ts";
import type { ExerciseResult } from "../src/result.ts";
import { OutputBuffer } from "../src/run/output-buffer.ts";
import { loadState, saveState } from "../src/state.ts";

const scratch = () => mkdtempSync(join(tmpdir(), "grader-unit-"));

describe("finding an exercise from what a learner types", () => {
  const curriculum = loadCurriculum(exercisesDir);

  it("accepts a number, a padded number, the full id and a unique prefix of the slug", () => {
    expect(findExercise(curriculum, "3").id).toBe("03-fibonacci");
    expect(findExercise(curriculum, "03").id).toBe("03-fibonacci");
    expect(findExercise(curriculum, "03-fibonacci").id).toBe("03-fibonacci");
    expect(findExercise(curriculum, "fib").id).toBe("03-fibonacci");
    expect(findExercise(curriculum, "03-fibonacci/").id, "a trailing slash from tab completion is fine").toBe(
      "03-fibonacci",
    );
  });

  it("names the candidates when a prefix is ambiguous, and lists the ids when nothing matches", () => {
    expect(() => findExercise(curriculum, "pi")).toThrow(/matches 07-pi-in-a-thread and 08-pi-split/);
    expect(() => findExercise(curriculum, "42")).toThrow(UsageError);
    expect(() => findExercise(curriculum, "nope")).toThrow(/01-integers/);
  });

  it("finds all ten exercises in order", () => {
    expect(curriculum.map((e) => e.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });
});

describe("hints", () => {
  it("splits hints.md into its numbered sections, in order", () => {
    const file = join(scratch(), "hints.md");
    writeFileSync(file, "## Hint 1\nfirst\n\n## Hint 2\nsecond\nline\n");
    expect(readHints(file)).toEqual(["first", "second\nline"]);
  });

  it("refuses a hints file without hint sections, naming the file", () => {
    const file = join(scratch(), "hints.md");
    writeFileSync(file, "just text\n");
    expect(() => readHints(file)).toThrow(file);
  });
});

describe("the progress state file", () => {
  it("starts fresh when the file is missing", () => {
    expect(loadState(join(scratch(), "state.json")).lastStatus).toEqual({});
  });

  it("sets a corrupt file aside, says so, and starts fresh instead of failing", () => {
    const file = join(scratch(), "state.json");
    writeFileSync(file, "{ not json");
    const warnings: string[] = [];
    expect(loadState(file, (m) => warnings.push(m))).toEqual({ version: 1, hintsShown: {}, lastStatus: {} });
    expect(warnings[0]).toMatch(/moved to .*state\.json\.corrupt-/);
  });

  it("round-trips what it saves", () => {
    const file = join(scratch(), "deeper", "state.json");
    saveState(file, { version: 1, hintsShown: { "01-integers": 2 }, lastStatus: { "01-integers": "passed" } });
    expect(loadState(file).hintsShown).toEqual({ "01-integers": 2 });
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

describe("captured output", () => {
  it("keeps the first characters up to the cap and says how much it cut", () => {
    const buffer = new OutputBuffer(10);
    buffer.append("0123456789abcdef");
    buffer.append("more");
    expect(buffer.toString()).toBe("0123456789\n… 10 more characters of output were cut");
  });
});

describe("git blob ids", () => {
  it("match git's own hash of a file", () => {
    // `printf 'hello\n' | git hash-object --stdin` prints this id.
    expect(gitBlobId(Buffer.from("hello\n"))).toBe("ce013625030ba8dba906f756967f9e9ca394464a");
  });
});

describe("protected test files", () => {
  /** A copy of exercise 01 whose test file lives in a scratch folder, with a manifest that knows its content. */
  function shippedExercise() {
    const shipped = findExercise(loadCurriculum(exercisesDir), "1");
    const testFile = join(scratch(), "integers.test.ts");
    writeFileSync(testFile, "// the test as shipped\n");
    const exercise = { ...shipped, testFile };
    const manifest: Manifest = {
      version: 1,
      files: { [relative(repoRoot, testFile)]: gitBlobId(Buffer.from("// the test as shipped\n")) },
    };
    return { exercise, manifest };
  }
  const passed = (): ExerciseResult => ({
    id: "01-integers",
    title: "Integers",
    status: "passed",
    durationMs: 1,
    message: "",
    points: 5,
    maxPoints: 5,
    tests: [],
    output: "",
    warnings: [],
  });

  it("leave a grade alone while the test file is the one shipped", () => {
    const { exercise, manifest } = shippedExercise();
    for (const ci of [false, true]) {
      const result = passed();
      applyTestManifest(result, exercise, manifest, ci);
      expect(result).toEqual(passed());
    }
  });

  it("report a modified test file as a warning while learning, and fail the exercise with --ci", () => {
    const { exercise, manifest } = shippedExercise();
    writeFileSync(exercise.testFile, "// the test, edited so that it passes\n");

    const learning = passed();
    applyTestManifest(learning, exercise, manifest, false);
    expect(learning.status).toBe("passed");
    expect(learning.warnings).toEqual([
      expect.stringMatching(/integers\.test\.ts was modified; .*\(--ci\) this exercise would fail/),
    ]);

    const graded = passed();
    applyTestManifest(graded, exercise, manifest, true);
    expect(graded).toMatchObject({ status: "failed", points: 0 });
    expect(graded.message).toMatch(/integers\.test\.ts was modified: in CI the tests must be the ones .* shipped/);
  });
});
