// The grading container (Dockerfile, .dockerignore, docs/container.md), checked without Docker: the Dockerfile
// is valid and formatted as the Dockerfile language server (dockerfile-utils, VS Code's) reads it, follows the
// practices hadolint checks that apply to it, and each of its steps uses what this edition of the workshop has;
// the build context leaves the answers out and keeps everything the build and the grading need.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { DockerfileParser, type Instruction } from "dockerfile-ast";
import { format, validate } from "dockerfile-utils";
import { describe, expect, it } from "vitest";
import { instructorProgram } from "../src/cli/instructor.ts";
import { workshop } from "../src/paths.ts";

const read = (path: string) => readFileSync(join(workshop.root, path), "utf8");
const dockerfile = read("Dockerfile");
const instructions = DockerfileParser.parse(dockerfile).getInstructions();
const all = (keyword: string) => instructions.filter((i) => i.getKeyword() === keyword);
const runs = all("RUN").map((i) => i.getArgumentsContent() ?? "");
/** Every command of the RUN steps (`a && b` is two), as its words. */
const commands = runs.flatMap((run) => run.split("&&").map((command) => command.trim().split(/\s+/)));
const rootPackage = JSON.parse(read("package.json")) as { packageManager: string; scripts: Record<string, string> };

describe("the Dockerfile", () => {
  it("is valid and formatted, as the Dockerfile language server reads it", () => {
    expect(validate(dockerfile).map((d) => `line ${d.range.start.line + 1}: ${d.message}`)).toEqual([]);
    expect(format(dockerfile, { tabSize: 4, insertSpaces: true })).toEqual([]);
  });

  it("starts from the Node the workshop is made for, by an explicit tag", () => {
    const [from, ...more] = all("FROM").map((i) => i.getArgumentsContent() ?? "");
    expect(more).toEqual([]);
    const nodeMajor = read(".nvmrc").trim();
    expect(from).toMatch(new RegExp(`^node:${nodeMajor}-[a-z]+-slim$`));
  });

  it("installs bubblewrap as hadolint would have it: no recommended packages, no apt lists left", () => {
    const apt = runs.find((run) => run.includes("apt-get install"));
    expect(apt).toMatch(/apt-get install -y --no-install-recommends bubblewrap/);
    expect(apt).toMatch(/^apt-get update /);
    expect(apt).toMatch(/&& rm -rf \/var\/lib\/apt\/lists\/\*$/);
    // Debian's security updates change the version: the one place a version is left open, and said so.
    expect(dockerfile).toContain("# hadolint ignore=DL3008\nRUN apt-get update");
  });

  it("runs only commands the image has, and the workshop's own scripts, with pnpm at the version it pins", () => {
    const pnpm = rootPackage.packageManager.replace(/^pnpm@/, "");
    expect(commands).toContainEqual(["npm", "install", "-g", `pnpm@${pnpm}`]);
    for (const [tool, ...args] of commands) {
      expect(["apt-get", "rm", "npm", "pnpm"], `${tool} ${args.join(" ")}`).toContain(tool);
      if (tool === "pnpm" && args[0] !== "install") expect(Object.keys(rootPackage.scripts)).toContain(args[0]);
    }
    expect(commands).toContainEqual(["pnpm", "install", "--frozen-lockfile"]);
    // hadolint: no sudo, no cd (WORKDIR instead), no pipes without pipefail.
    expect(runs.join("\n")).not.toMatch(/\bsudo\b|\bcd\b|\|/);
  });

  it("copies the workshop into an absolute folder, and grades as an ordinary user with a command it has", () => {
    expect(all("WORKDIR").map((i) => i.getArgumentsContent())).toEqual(["/workshop"]);
    expect(all("COPY").map((i) => i.getArgumentsContent())).toEqual([". ."]);
    expect(instructions.at(-2)?.getKeyword()).toBe("USER");
    expect(instructions.at(-2)?.getArgumentsContent()).toBe("node");
    const cmd = instructions.at(-1) as Instruction;
    expect(cmd.getKeyword()).toBe("CMD");
    const [program, script] = JSON.parse(cmd.getArgumentsContent() ?? "[]") as string[];
    expect(program).toBe("node");
    expect(existsSync(join(workshop.root, script ?? ""))).toBe(true);
  });
});

/**
 * Whether Docker leaves `path` out of the build context, by .dockerignore's rules: each pattern is matched
 * against the path from the context's root (`*` within a name, `**` across folders), a pattern that matches a
 * folder leaves out all inside it, and the last pattern that matches decides (`!` puts a path back).
 */
function ignoredByDocker(path: string, patterns: string[]): boolean {
  let ignored = false;
  for (const line of patterns) {
    const exception = line.startsWith("!");
    const pattern = (exception ? line.slice(1) : line).replace(/^\/+/, "");
    const source = pattern
      .split("/")
      .map((part) =>
        part === "**"
          ? ".*"
          : part
              .replace(/[.+^${}()|[\]\\]/g, "\\$&")
              .replaceAll("*", "[^/]*")
              .replaceAll("?", "[^/]"),
      )
      .join("/")
      .replaceAll(".*/", "(?:.*/)?");
    const matches = new RegExp(`^${source}(?:/.*)?$`).test(path);
    if (matches) ignored = !exception;
  }
  return ignored;
}

describe("the build context (.dockerignore)", () => {
  const patterns = read(".dockerignore")
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith("#"));
  const files = execFileSync("git", ["ls-files", "-z"], { cwd: workshop.root, encoding: "utf8" })
    .split("\0")
    .filter(Boolean);
  const sent = files.filter((path) => !ignoredByDocker(path, patterns));

  it("matches as Docker does: the last pattern decides, and a folder's pattern covers what is inside", () => {
    expect(ignoredByDocker("solutions/08-pi-split/pi-split.ts", ["solutions/**", "!solutions/package.json"])).toBe(
      true,
    );
    expect(ignoredByDocker("solutions/package.json", ["solutions/**", "!solutions/package.json"])).toBe(false);
    expect(ignoredByDocker("grader/dist/cli/learner.js", ["**/dist"])).toBe(true);
    expect(ignoredByDocker("dist/x.js", ["**/dist"])).toBe(true);
    expect(ignoredByDocker("exercises/results.ts", ["results"])).toBe(false);
  });

  it("leaves out the answers: the solutions, the fixtures made from them, and git's history", () => {
    const answers = sent.filter(
      (path) =>
        (path.startsWith("solutions/") && path !== "solutions/package.json") ||
        path.startsWith("grader/test/fixtures/"),
    );
    expect(answers).toEqual([]);
    expect(ignoredByDocker(".git", patterns)).toBe(true);
  });

  it("keeps what the build and the grading need: every package's manifest, the lockfile, the tests", () => {
    const manifests = files.filter(
      (path) => path.endsWith("package.json") && !path.startsWith("grader/test/fixtures/"),
    );
    for (const path of [...manifests, "pnpm-lock.yaml", "pnpm-workspace.yaml", "grader/bin/grade.js"]) {
      expect(sent, path).toContain(path);
    }
    const tests = files.filter((path) => /^exercises\/[^/]+\/(hidden\/)?[^/]+\.test\.ts$/.test(path));
    expect(tests.length).toBeGreaterThan(0);
    expect(tests.filter((path) => !sent.includes(path))).toEqual([]);
  });
});

describe("docs/container.md", () => {
  const doc = read("docs/container.md");

  it("gives the docker run flags a sandbox needs in a container, and says why", () => {
    for (const flag of [
      "--security-opt seccomp=unconfined",
      "--security-opt apparmor=unconfined",
      "--security-opt systempaths=unconfined",
      "kernel.apparmor_restrict_unprivileged_userns",
    ]) {
      expect(doc).toContain(flag);
    }
  });

  it("builds the image from the learner edition, with the commands the workshop has", () => {
    expect(doc).toContain("pnpm learner-edition");
    // The instructor's command (the learner edition has no pnpm script for it, and no solutions to leave out).
    expect(instructorProgram(() => {}).commands.map((c) => c.name())).toContain("learner-edition");
    expect(doc).toMatch(/docker build -t workshop-grader /);
  });
});
