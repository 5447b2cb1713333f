// What the lessons tell a learner must hold: code they are told to write type-checks, each script is run one way,
// the expected times say how to tell a busy machine, the diagrams are where the lesson needs them, and the hints
// of the generator lessons keep `next` for `.next()`. Needs no solutions: it runs in the learner's edition too.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { findExercise, loadCurriculum } from "../src/curriculum/load-curriculum.ts";
import { workshop } from "../src/paths.ts";
import { busyMachineNote } from "../src/report/wording.ts";

const curriculum = loadCurriculum(workshop.exercises);
const exercise = (query: string) => findExercise(curriculum, query);
const read = (file: string) => readFileSync(file, "utf8");
const readme = (query: string) => read(join(exercise(query).dir, "README.md"));
/** Everything a learner reads about an exercise besides the README: its starters' comments and its hints. */
const guidance = (query: string) => [
  ...exercise(query).files.learner.map((file) => read(join(exercise(query).dir, file))),
  ...exercise(query).hints,
];

/** The type errors of `source`, compiled as a file of the folder `dir` with the exercises' own settings. */
function typeErrors(dir: string, source: string): { line: number; text: string }[] {
  const { config } = ts.readConfigFile(join(workshop.exercises, "tsconfig.json"), ts.sys.readFile);
  const { options } = ts.parseJsonConfigFileContent(config, ts.sys, workshop.exercises);
  const file = join(dir, "guidance-check.ts");
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (name, language, ...rest) =>
    name === file ? ts.createSourceFile(name, source, language) : getSourceFile(name, language, ...rest);
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (name) => name === file || fileExists(name);
  const program = ts.createProgram([file], options, host);
  const checked = program.getSourceFile(file);
  return ts.getPreEmitDiagnostics(program, checked).map((diagnostic) => ({
    line: checked?.getLineAndCharacterOfPosition(diagnostic.start ?? 0).line ?? 0,
    text: ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n"),
  }));
}

describe("the timer's `time`, a number | undefined", () => {
  it("is returned, wherever a starter or a hint says how, in a way that type-checks as a number", () => {
    // `return t.time` does not: TypeScript cannot know that the disposer has run. 06, 09 and 10 all read it.
    const told = ["06", "09", "10"]
      .flatMap(guidance)
      .flatMap((text) =>
        [...text.matchAll(/\breturn\s+((?:t|elapsed)\.time\b[^;`\n]*?)\s*(?:;|`|\.(?=\s|$)|$)/gm)].map((m) => m[1]),
      );
    expect(told.length, "the guidance says how to return the seconds").toBeGreaterThan(0);
    // One file, one function per statement, so that each error is found at its statement's line.
    const source = [
      'import type { Elapsed } from "./async-timer.ts";',
      "declare const t: Elapsed;",
      "declare const elapsed: Elapsed;",
      ...told.map((expression, index) => `export function seconds${index}(): number { return ${expression}; }`),
    ];
    const errors = typeErrors(exercise("06").dir, `${source.join("\n")}\n`);
    expect(errors.map(({ line, text }) => `${source[line]}: ${text}`)).toEqual([]);
  });
});

describe("the scripts of 09 and 10", () => {
  it.each([
    ["09", "async-pi.ts"],
    ["10", "efficiency.ts"],
  ])("%s: are run one way everywhere, from the workshop's root", (query, script) => {
    const { id, dir } = exercise(query);
    const texts = [read(join(workshop.root, "README.md")), readme(query), ...guidance(query)];
    const commands = texts.flatMap((text) =>
      [...text.matchAll(new RegExp(`(?:pnpm|npx|node|tsx)[^\`\\n|]*?${script.replace(".", "\\.")}`, "g"))].map(
        (m) => m[0],
      ),
    );
    expect(commands.length, `the lesson says how to run ${script}`).toBeGreaterThan(0);
    expect(new Set(commands), `${dir}: every command that runs ${script}`).toEqual(
      new Set([`pnpm exec tsx exercises/${id}/${script}`]),
    );
  });
});

describe("the expected times of the parallel exercises", () => {
  const parallel = curriculum.filter((e) => e.contract.speedup);

  it.each(parallel.map((e) => [e.id, e]))("%s: say how to tell a busy machine, in the grader's words", (_, e) => {
    const text = read(join(e.dir, "README.md"));
    // The note the grader prints when the split got under 80% of the cores, up to its figures.
    const note = busyMachineNote({
      verdict: "passed",
      reason: "",
      cores: 2,
      coresGot: 1.1,
      required: 1.4,
      ratios: [],
      windows: 1,
    });
    const opening = note?.split(":")[0] ?? "";
    expect(opening).toMatch(/^your machine was busy/);
    expect(text, "the README quotes the grader's note").toContain(`"${opening}"`);
    expect(text, "and says how to see it without the grader").toMatch(/`uptime`.*load average|load average.*`uptime`/s);
  });
});

describe("the sequence diagrams", () => {
  it.each([
    ["01", "a function call against a generator's calls"],
    ["04", "a coroutine fed with values"],
    ["05", "Promise.all taking turns on one thread"],
    ["08", "the worker pool"],
  ])("%s: draws %s in its Explanation, as a Mermaid sequence diagram", (query) => {
    const text = readme(query);
    const explanation = text.slice(text.indexOf("## Explanation"), text.indexOf("## Your task"));
    expect(explanation).toMatch(/```mermaid\nsequenceDiagram\n(?: {4}\S.*\n)+```/);
  });
});

describe("the hints of the generator lessons", () => {
  it.each(["01", "02", "03", "04"])(
    "%s: never name a variable `next`, which reads like the method .next()",
    (query) => {
      for (const hint of exercise(query).hints) {
        expect(hint).not.toMatch(/`next`|\b(?:let|const|var)\s+next\b|\[\s*next\b|\bnext\s*\]|\bnext\s*=[^=]/);
      }
    },
  );
});

describe("the code the READMEs and hints show", () => {
  it("imports from @workshop/core only what it exports: the answers of earlier exercises come from their folders", async () => {
    const modules: Record<string, string[]> = {
      "@workshop/core": Object.keys(await import("@workshop/core")),
      "@workshop/core/plot": Object.keys(await import("@workshop/core/plot")),
    };
    const texts = curriculum.flatMap((e) => [read(join(e.dir, "README.md")), ...e.hints]);
    const imports = texts.flatMap((text) => [
      ...text.matchAll(/import\s*\{([^}]*)\}\s*from\s*"(@workshop\/core[^"]*)"/g),
    ]);
    expect(imports.length).toBeGreaterThan(0);
    for (const [statement, names = "", from = ""] of imports) {
      const values = names
        .split(",")
        .map((name) => name.trim())
        .filter((name) => name !== "" && !name.startsWith("type "));
      for (const name of values) expect(modules[from], statement).toContain(name);
    }
  });
});
