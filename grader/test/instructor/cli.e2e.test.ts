// The two command lines: the learner's `pnpm grade`, whose help shows only what is theirs, and `pnpm
// instructor`. Options that cannot combine are refused before anything runs; what scripts and workflows call
// keeps working.
import { describe, expect, it } from "vitest";
import { workshop } from "../../src/paths.ts";
import type { GradeReport } from "../../src/result.ts";
import { fixture, instructorBin, runGrader } from "../run-grader.ts";
import { pathWithout } from "../support/path-without.ts";

describe("pnpm grade --help", () => {
  it("shows the learner's commands, and none of the instructors' or the automation's flags", async () => {
    const help = await runGrader(["--help"]);
    expect(help.exitCode).toBe(0);
    for (const command of ["watch", "hint", "list", "reset", "solution", "--watch", "--timeout"]) {
      expect(help.stdout).toContain(command);
    }
    for (const hidden of ["--ci", "--reporter", "--target", "--solutions", "summary", "manifest", "learner-edition"]) {
      expect(help.stdout).not.toContain(hidden);
    }
    expect(help.stdout).toContain("pnpm instructor --help");
  });

  it("of pnpm instructor shows the class and maintenance commands", async () => {
    const help = await runGrader(["--help"], {}, instructorBin);
    for (const command of ["summary", "diff", "generate"]) expect(help.stdout).toContain(command);
  });
});

describe("options that cannot combine", () => {
  it.each([
    [["--solutions", "--target", "."], /--solutions and --target/],
    [["--json", "--reporter", "junit"], /--json is --reporter json/],
    [["--out", "r.json"], /--out writes a reporter's document/],
    [["--poll"], /--poll goes with --watch/],
    [["--watch", "--ci"], /--ci is for a single grading run/],
    [["--watch", "--json"], /--json is for a single grading run/],
    [["--watch", "1", "2"], /starts from one exercise/],
    [["--target", "/no/such/folder"], /there is no folder at \/no\/such\/folder/],
  ])("%j is refused with exit code 2, saying why", async (args, message) => {
    const run = await runGrader(args as string[]);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toMatch(message as RegExp);
    expect(run.stdout).toBe("");
  });

  it("refuses a workshop's root as --target, naming its exercises folder", async () => {
    const run = await runGrader(["--target", workshop.root]);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toMatch(/is a workshop's root, not its exercises: give --target .*exercises/);
  });
});

describe("what scripts and workflows call", () => {
  it("keeps --solutions, --target, --ci, --json, --reporter and --out working", async () => {
    const json = await runGrader(["--solutions", "1", "--json"]);
    expect(JSON.parse(json.stdout)).toMatchObject({ version: 2, summary: { passed: 1 } });
    const ci = await runGrader(["1", "--ci", "--target", fixture("type-error"), "--reporter", "junit"]);
    expect(ci.stdout).toMatch(/^<\?xml/);
    expect(ci.exitCode).toBe(0);
  });
});

describe("a graded run on a machine that cannot make a sandbox", () => {
  const noBubblewrap = () => ({ PATH: pathWithout("bwrap") });

  it("refuses to start, naming the fixes: bubblewrap, the container, or --no-sandbox", async () => {
    const run = await runGrader(["--target", fixture("../../../solutions"), "1"], noBubblewrap());
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toMatch(/cannot make one/);
    for (const fix of ["apt-get install bubblewrap", "docs/container.md", "--no-sandbox"]) {
      expect(run.stderr).toContain(fix);
    }
  });

  it("grades with --no-sandbox, and the report says the results are unprotected", async () => {
    const run = await runGrader(
      ["--target", fixture("../../../solutions"), "1", "--no-sandbox", "--json"],
      noBubblewrap(),
    );
    expect(run.exitCode, run.stderr).toBe(0);
    expect((JSON.parse(run.stdout) as GradeReport).run.protection).toBe("unprotected");
  });
});
