// The curriculum as the grader reads it: exercise.json checked against its schema, with messages that name the
// file and the field, and the learner's extra files (helpers, their own tests) taken for what they are.
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readHints } from "../src/curriculum/hints.ts";
import { type Exercise, findExercise, loadCurriculum } from "../src/curriculum/load-curriculum.ts";
import { scaffoldExercise } from "../src/curriculum/new-exercise.ts";
import { CurriculumError, UsageError } from "../src/errors.ts";
import { workshop } from "../src/paths.ts";
import { learnerCode, withUsed } from "../src/tree/learner-code.ts";

const scratch = () => mkdtempSync(join(tmpdir(), "grader-curriculum-"));
const curriculum = loadCurriculum(workshop.exercises);

/** A copy of the exercises folder whose exercise.json of `id` is replaced by what `change` makes of it. */
function withMetadata(id: string, change: (metadata: Record<string, unknown>) => unknown): string {
  const folder = join(scratch(), "exercises");
  cpSync(workshop.exercises, folder, { recursive: true, filter: (source) => !source.includes("node_modules") });
  const file = join(folder, id, "exercise.json");
  writeFileSync(file, JSON.stringify(change(JSON.parse(readFileSync(file, "utf8")))));
  return folder;
}

describe("exercise.json", () => {
  it("describes every exercise: its files by role, its contract, its points and limit", () => {
    const split = findExercise(curriculum, "10");
    expect(split.files).toEqual({
      learner: ["efficiency.ts"],
      given: [],
      test: "efficiency.test.ts",
      hidden: expect.any(Array),
    });
    expect(split.uses).toEqual(["06-async-timer", "08-pi-split"]);
    expect(split.contract.speedup?.split).toEqual({
      exercise: "08-pi-split",
      file: "pi-split.ts",
      export: "calcPiSplit",
    });
    expect(split.contract.speedup?.efficiency).toMatchObject({ rows: 13, totalSamples: 2 ** 20 });
    expect(findExercise(curriculum, "9").files.given).toEqual(["async-timer.ts"]);
  });

  it("refuses a field of the wrong kind, naming the file and the field", () => {
    const folder = withMetadata("03-fibonacci", (metadata) => ({ ...metadata, points: "five" }));
    expect(() => loadCurriculum(folder)).toThrow(CurriculumError);
    expect(() => loadCurriculum(folder)).toThrow(/03-fibonacci\/exercise\.json, field points: /);
  });

  it("names every problem at once, of every exercise: one run of `generate` shows them all", () => {
    const folder = withMetadata("03-fibonacci", ({ title: _, timeLimitSeconds: __, ...metadata }) => ({
      ...metadata,
      speedup: true,
    }));
    writeFileSync(join(folder, "04-line-numbers/exercise.json"), JSON.stringify({ title: "no more" }));
    let message = "";
    try {
      loadCurriculum(folder);
    } catch (error) {
      message = (error as Error).message;
    }
    for (const field of ["title", "timeLimitSeconds", "speedup"]) {
      expect(message).toContain(`03-fibonacci/exercise.json, field ${field}: `);
    }
    expect(message).toMatch(/04-line-numbers\/exercise\.json, field points: /);
    expect(message).toMatch(/04-line-numbers\/exercise\.json, field files: /);
  });

  it("refuses a field it does not know, and a declared file that is not there", () => {
    const unknown = withMetadata("03-fibonacci", (metadata) => ({ ...metadata, speedup: true }));
    expect(() => loadCurriculum(unknown)).toThrow(/03-fibonacci\/exercise\.json, field speedup: /);
    const missing = withMetadata("03-fibonacci", (metadata) => ({
      ...metadata,
      files: { ...(metadata.files as object), learner: ["fib.ts"] },
    }));
    expect(() => loadCurriculum(missing)).toThrow(/field files: declares fib\.ts, which is not in/);
  });

  it("checks what one file can only say with the others: exports, uses, the speedup's home", () => {
    const noExports = withMetadata("03-fibonacci", (metadata) => ({ ...metadata, contract: { exports: {} } }));
    expect(() => loadCurriculum(noExports)).toThrow(/field contract\.exports: says nothing of fibonacci\.ts/);
    const later = withMetadata("03-fibonacci", (metadata) => ({ ...metadata, uses: ["04-line-numbers"] }));
    expect(() => loadCurriculum(later)).toThrow(/field uses: 04-line-numbers is not an earlier exercise/);
    const split = withMetadata("10-efficiency", (metadata) => ({ ...metadata, uses: ["06-async-timer"] }));
    expect(() => loadCurriculum(split)).toThrow(/field contract\.speedup\.split\.exercise: 08-pi-split must also be/);
  });

  it("names a file that is not JSON and says how to restore it", () => {
    const folder = withMetadata("01-integers", () => "{");
    writeFileSync(join(folder, "01-integers", "exercise.json"), "{ not json");
    expect(() => loadCurriculum(folder)).toThrow(/01-integers\/exercise\.json could not be read .*`git checkout/);
  });
});

describe("finding an exercise from what a learner types", () => {
  it("accepts a number, a padded number, the full id and a unique prefix of the slug", () => {
    for (const query of ["3", "03", "03-fibonacci", "fib", "03-fibonacci/"]) {
      expect(findExercise(curriculum, query).id).toBe("03-fibonacci");
    }
  });

  it("names the candidates when a prefix is ambiguous, and lists the ids when nothing matches", () => {
    expect(() => findExercise(curriculum, "pi")).toThrow(/matches 07-pi-in-a-thread and 08-pi-split/);
    expect(() => findExercise(curriculum, "42")).toThrow(UsageError);
    expect(() => findExercise(curriculum, "nope")).toThrow(/01-integers/);
  });

  it("finds every exercise folder, in order, numbered from 1 without a gap", () => {
    const folders = readdirSync(workshop.exercises).filter((name) => /^\d\d-/.test(name));
    expect(curriculum.map((e) => e.id)).toEqual(folders.sort());
    expect(curriculum.map((e) => e.number)).toEqual(curriculum.map((_, index) => index + 1));
  });
});

describe("the learner's code in a tree", () => {
  const exercise = findExercise(curriculum, "3") as Exercise;

  it("is the declared learner files and every helper beside them, never a test or a given file", () => {
    const tree = scratch();
    const folder = join(tree, "03-fibonacci");
    mkdirSync(join(folder, "lib"), { recursive: true });
    for (const file of ["fibonacci.ts", "helper.ts", "lib/pairs.ts", "my.test.ts", "notes.md"]) {
      writeFileSync(join(folder, file), "export {};\n");
    }
    expect(learnerCode(tree, exercise)).toEqual(["fibonacci.ts", "helper.ts", "lib/pairs.ts"]);
    const script = findExercise(curriculum, "9");
    expect(learnerCode(workshop.exercises, script), "09's given async-timer.ts is not the learner's").toEqual([
      "async-pi.ts",
      "calc-pi.ts",
    ]);
  });

  it("takes the earlier exercises an exercise builds on along with it", () => {
    expect(withUsed([findExercise(curriculum, "10")], curriculum).map((e) => e.id)).toEqual([
      "06-async-timer",
      "08-pi-split",
      "10-efficiency",
    ]);
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

describe("pnpm instructor new", () => {
  const next = String(curriculum.length + 1).padStart(2, "0");

  it("scaffolds every file of the next exercise, each a placeholder that says what belongs in it", () => {
    const root = scratch();
    const written = scaffoldExercise(curriculum, `${next}-async-squares`, "Async squares: an async generator", root);
    expect(written).toEqual([
      `exercises/${next}-async-squares/exercise.json`,
      `exercises/${next}-async-squares/README.md`,
      `exercises/${next}-async-squares/hints.md`,
      `exercises/${next}-async-squares/async-squares.ts`,
      `exercises/${next}-async-squares/async-squares.test.ts`,
      `exercises/${next}-async-squares/hidden/async-squares.test.ts`,
      `solutions/${next}-async-squares/async-squares.ts`,
      `grader/test/fixtures/hidden/${next}-async-squares/async-squares.ts`,
    ]);
    const metadata = JSON.parse(readFileSync(join(root, written[0] as string), "utf8"));
    expect(metadata).toMatchObject({
      title: "Async squares: an async generator",
      contract: { exports: { "async-squares.ts": ["asyncSquares"] } },
    });
    expect(readFileSync(join(root, written[1] as string), "utf8")).toContain(`pnpm grade ${Number(next)}`);
  });

  it("refuses an id that is taken, out of order, or not an id", () => {
    const root = scratch();
    expect(() => scaffoldExercise(curriculum, "03-fibonacci", "x", root)).toThrow(/03-fibonacci exists already/);
    expect(() => scaffoldExercise(curriculum, "42-later", "x", root)).toThrow(
      new RegExp(`the next exercise is number ${next}, not 42`),
    );
    expect(() => scaffoldExercise(curriculum, "eleven", "x", root)).toThrow(/is not an exercise id/);
  });
});
