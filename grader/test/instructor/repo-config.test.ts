// The files that set up editors, Codespaces and CI for the workshop: each one parses as its reader parses it
// (VS Code and the Dev Containers spec read JSON with comments, GitHub reads YAML), and every command it names
// exists here. The VS Code task's problem matcher is run against the grader's real output.
import { readFileSync } from "node:fs";
import { isAbsolute, join } from "node:path";
import { type ParseError, parse, printParseErrorCode } from "jsonc-parser";
import { afterEach, describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { workshop } from "../../src/paths.ts";
import { fixture, killStartedCommands, startCli } from "../run-grader.ts";

afterEach(killStartedCommands);

const read = (file: string) => readFileSync(join(workshop.root, file), "utf8");
const rootPackage = JSON.parse(read("package.json")) as {
  packageManager: string;
  engines: { node: string };
  scripts: Record<string, string>;
  devDependencies: Record<string, string>;
};
const graderPackage = JSON.parse(read("grader/package.json")) as { bin: Record<string, string> };

/** A JSON-with-comments file as VS Code reads it (jsonc-parser is VS Code's own parser), failing on any error. */
function readJsonc<T>(file: string): T {
  const errors: ParseError[] = [];
  const value = parse(read(file), errors, { allowTrailingComma: false, disallowComments: false }) as T;
  expect(
    errors.map((e) => `${file} at offset ${e.offset}: ${printParseErrorCode(e.error)}`),
    "parse errors",
  ).toEqual([]);
  return value;
}

/** Whether `pnpm <args>` runs something in this workshop: a script of the root package, a bin, or pnpm's own. */
function pnpmCommandExists(args: string[]): boolean {
  const [name] = args;
  if (name === undefined) return false;
  if (["install", "exec", "run"].includes(name)) return true;
  // `pnpm grade` runs the grader's bin: the root package depends on the grader.
  const bin = name in graderPackage.bin && "@workshop/grader" in rootPackage.devDependencies;
  return name in rootPackage.scripts || bin;
}

/** The shell commands of a `cmd1 && cmd2` line, as argument lists. */
const commandsOf = (line: string) => line.split("&&").map((command) => command.trim().split(/\s+/));
const pnpmMajor = rootPackage.packageManager.match(/^pnpm@(\d+)\./)?.[1];

/**
 * The Node majors package.json's `engines` names (`^20.19.0 || ^22.12.0 || >=24.0.0`: 20, 22 and 24), and whether
 * a major is supported (a named one, or any above an open `>=` range): the one source of which Nodes the workshop
 * runs on.
 */
const engineRanges = rootPackage.engines.node.split("||").map((range) => range.trim());
const engineMajors = engineRanges.map((range) => Number(/^(?:\^|>=)(\d+)\./.exec(range)?.[1]));
const supportsNode = (major: number) =>
  engineRanges.some((range, index) =>
    range.startsWith(">=") ? major >= (engineMajors[index] ?? Number.NaN) : major === engineMajors[index],
  );

describe(".vscode/", () => {
  const extensions = readJsonc<{ recommendations: string[] }>(".vscode/extensions.json");
  const tasks = readJsonc<{
    version: string;
    tasks: {
      label: string;
      command: string;
      args: string[];
      options: { env: Record<string, string> };
      problemMatcher: ProblemMatcher[];
    }[];
  }>(".vscode/tasks.json");

  it("recommends the Vitest and Biome extensions, for the tools the workshop uses", () => {
    expect(extensions.recommendations).toEqual(["vitest.explorer", "biomejs.biome"]);
    expect(rootPackage.devDependencies).toHaveProperty("@biomejs/biome");
  });

  it("has a task that runs pnpm grade --watch, a command that exists", () => {
    const [task] = tasks.tasks;
    expect(tasks.version).toBe("2.0.0");
    expect(task).toMatchObject({ label: "grade --watch", command: "pnpm", args: ["grade", "--watch"] });
    expect(pnpmCommandExists(task?.args ?? [])).toBe(true);
  });

  it("turns the grader's `at <file>:<line>:<col>` lines into problems, from a real watch session", async () => {
    const [task] = tasks.tasks;
    const [errors, typeWarnings] = task?.problemMatcher ?? [];
    // The task's own command line and environment, on a tree whose 01 has a syntax error (and so a type error
    // at the same place).
    const args = [...(task?.args.slice(1) ?? []), "--target", fixture("mistakes"), "1"];
    const watch = startCli(args, task?.options.env);
    await watch.waitFor(/watching 01-integers\//, 60_000);
    const quitAt = performance.now();
    watch.write("q\n");
    expect(await watch.exited).toBe(0);
    // Its test process may still be starting (a syntax error needs no test run): q must not wait for it.
    expect(performance.now() - quitAt, "q ends the session within seconds").toBeLessThan(10_000);
    const lines = watch.output().split(/\r?\n/);
    const file = join(fixture("mistakes"), "01-integers", "integers.ts");

    expect(errors && match(errors, lines)).toEqual([
      expect.objectContaining({ file, line: 6, column: 15, message: expect.stringMatching(/^syntax error in /) }),
    ]);
    expect(typeWarnings && match(typeWarnings, lines)).toEqual([
      expect.objectContaining({ file, line: 6, column: 15, message: "')' expected." }),
    ]);
    for (const matcher of [errors, typeWarnings]) {
      const { beginsPattern, endsPattern } = matcher?.background ?? {};
      const begins = lines.findIndex((line) => new RegExp(beginsPattern ?? "^$").test(line));
      expect(begins, "a re-grade's first line starts the matcher's cycle").toBeGreaterThanOrEqual(0);
      const ends = lines.findIndex((line, at) => at > begins && new RegExp(endsPattern ?? "^$").test(line));
      expect(ends, "and the line that waits for the next save ends it").toBeGreaterThan(begins);
    }
  });
});

describe(".devcontainer/devcontainer.json", () => {
  const container = readJsonc<{
    image: string;
    postCreateCommand: string;
    customizations: { vscode: { extensions: string[] } };
  }>(".devcontainer/devcontainer.json");

  it("starts from a Node image of a major package.json's engines supports", () => {
    const major = /^mcr\.microsoft\.com\/devcontainers\/javascript-node:(\d+)$/.exec(container.image)?.[1];
    expect(major, container.image).toBeDefined();
    expect(supportsNode(Number(major)), `Node ${major} against engines ${rootPackage.engines.node}`).toBe(true);
  });

  it("installs the pinned pnpm's major version from npm, then the workshop, after creation", () => {
    const commands = commandsOf(container.postCreateCommand);
    expect(commands).toEqual([
      ["npm", "install", "-g", `pnpm@${pnpmMajor}`],
      ["pnpm", "install"],
    ]);
    for (const [tool, ...args] of commands) if (tool === "pnpm") expect(pnpmCommandExists(args)).toBe(true);
  });

  it("offers the same extensions as the workshop's VS Code settings", () => {
    const { recommendations } = readJsonc<{ recommendations: string[] }>(".vscode/extensions.json");
    expect(container.customizations.vscode.extensions).toEqual(recommendations);
  });
});

describe(".github/workflows/ci.yml", () => {
  const workflow = parseYaml(read(".github/workflows/ci.yml")) as {
    on: Record<string, unknown>;
    jobs: Record<string, Job>;
  };
  const test = workflow.jobs.test;

  it("runs on pushes to main and on pull requests", () => {
    expect(Object.keys(workflow.on)).toEqual(expect.arrayContaining(["push", "pull_request"]));
  });

  it("tests every system the README supports with every Node major engines names, every combination to the end", () => {
    // The README's "Supported systems" table names the systems; GitHub's runners for them.
    const systems = /^\| system\s*\|([^|]+)\|/m.exec(read("README.md"))?.[1] ?? "";
    const runners = { Linux: "ubuntu-latest", macOS: "macos-latest", Windows: "windows-latest" };
    const named = Object.entries(runners).filter(([system]) => systems.includes(system));
    expect(named.length, `the README's systems: ${systems}`).toBeGreaterThan(0);
    expect(test?.strategy).toEqual({
      "fail-fast": false,
      matrix: { os: named.map(([, runner]) => runner), node: engineMajors },
    });
    // biome-ignore lint/suspicious/noTemplateCurlyInString: GitHub's expression syntax, not a template.
    expect(test?.["runs-on"]).toBe("${{ matrix.os }}");
    const setupNode = test?.steps.find((step) => step.uses?.startsWith("actions/setup-node@"));
    // biome-ignore lint/suspicious/noTemplateCurlyInString: GitHub's expression syntax, not a template.
    expect(setupNode?.with?.["node-version"]).toBe("${{ matrix.node }}");
    expect(test?.steps.some((step) => step.uses?.startsWith("pnpm/action-setup@"))).toBe(true);
  });

  it("runs the README's test command, and only commands that exist here", () => {
    const runs = (test?.steps ?? []).flatMap((step) => (step.run ? commandsOf(step.run) : []));
    expect(runs).toContainEqual(["pnpm", "test"]);
    for (const [tool, ...args] of runs) {
      expect(tool).toBe("pnpm");
      expect(pnpmCommandExists(args), `pnpm ${args.join(" ")}`).toBe(true);
    }
    expect(read("README.md")).toContain("pnpm test");
  });

  it("skips the matrix in a learner's copy, which has no solutions to test", () => {
    expect(test?.needs).toBe("edition");
    expect(test?.if).toBe("needs.edition.outputs.instructor == 'true'");
    expect(workflow.jobs.edition?.steps.at(-1)?.run).toMatch(/\[ -d solutions \]/);
  });
});

interface Job {
  needs?: string;
  if?: string;
  "runs-on": string;
  strategy?: unknown;
  steps: { uses?: string; run?: string; with?: Record<string, unknown> }[];
}

/** The part of a VS Code problem matcher this workshop uses. */
interface ProblemMatcher {
  fileLocation: [string, string];
  pattern: ProblemPattern | ProblemPattern[];
  background?: { beginsPattern: string; endsPattern: string };
}

interface ProblemPattern {
  regexp: string;
  file?: number;
  line?: number;
  column?: number;
  message?: number;
}

interface Problem {
  file: string;
  line: number;
  column: number;
  message: string;
}

/**
 * The problems VS Code's matcher finds in these lines: a pattern of several regexps matches that many
 * consecutive lines, each giving the fields it names; a relative file is taken from the workspace folder (the
 * workshop's root), as `autoDetect` does for a file that exists there.
 */
function match(matcher: ProblemMatcher, lines: string[]): Problem[] {
  const patterns = Array.isArray(matcher.pattern) ? matcher.pattern : [matcher.pattern];
  const problems: Problem[] = [];
  for (let start = 0; start + patterns.length <= lines.length; start++) {
    const found: Partial<Problem> = {};
    const all = patterns.every((pattern, index) => {
      const groups = new RegExp(pattern.regexp).exec(lines[start + index] ?? "");
      if (!groups) return false;
      const group = (at: number | undefined) => (at === undefined ? undefined : groups[at]);
      found.file ??= group(pattern.file);
      found.message ??= group(pattern.message);
      if (pattern.line !== undefined) found.line = Number(group(pattern.line));
      if (pattern.column !== undefined) found.column = Number(group(pattern.column));
      return true;
    });
    if (!all || found.file === undefined) continue;
    // biome-ignore lint/suspicious/noTemplateCurlyInString: VS Code's variable syntax, not a template.
    expect(matcher.fileLocation).toEqual(["autoDetect", "${workspaceFolder}"]);
    const file = isAbsolute(found.file) ? found.file : join(workshop.root, found.file);
    problems.push({ file, line: found.line ?? 0, column: found.column ?? 0, message: found.message ?? "" });
  }
  return problems;
}
