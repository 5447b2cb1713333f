// One pipeline for every front end, end to end on a copy of the workshop: `pnpm grade` and watch mode give the
// same verdict, message and warnings (the modified-test warning included), and a learner's own files (a helper
// their code imports, a test of their own) break no command.
import { execFileSync } from "node:child_process";
import { appendFileSync, copyFileSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import type { GradeReport } from "../../src/result.ts";
import { killStartedCommands, runGrader, startCli } from "../run-grader.ts";
import { copyWorkshop } from "../support/workshop-copy.ts";

afterEach(killStartedCommands);

let copy: string;
let bin: string;
const env = () => ({ WORKSHOP_STATE_DIR: join(copy, ".workshop") });
const fibonacci = () => join(copy, "exercises/03-fibonacci");

beforeAll(() => {
  copy = copyWorkshop();
  bin = join(copy, "grader/bin/grade.js");
});

describe("grade and watch", () => {
  it("give the same verdict, message and warnings for the same tree", { timeout: 90_000 }, async () => {
    // A wrong sequence, a type error, and a test file the learner edited.
    writeFileSync(
      join(fibonacci(), "fibonacci.ts"),
      "export function* fibonacci(): Generator<number, never, undefined> {\n  const first: string = 1;\n" +
        "  let a = 1;\n  while (true) {\n    yield a;\n    a += 1;\n  }\n}\n",
    );
    appendFileSync(join(fibonacci(), "fibonacci.test.ts"), "\n// a comment of the learner's\n");
    const graded = await runGrader(["3", "--json"], env(), bin);
    const [result] = (JSON.parse(graded.stdout) as GradeReport).exercises;
    expect(result).toMatchObject({ status: "failed", reason: "test-failed" });
    expect(result?.warnings.join("\n")).toMatch(/fibonacci\.test\.ts was modified; the grade uses your copy/);
    expect(result?.warnings.join("\n")).toMatch(/type error at exercises\/03-fibonacci\/fibonacci\.ts:2:9/);

    const watch = startCli(["--watch", "3"], env(), bin);
    await watch.waitFor(/watching 03-fibonacci\//, 60_000);
    watch.write("q\n");
    await watch.exited;
    const printed = watch.output();
    expect(printed).toMatch(/03-fibonacci\s+✗ failed/);
    for (const line of result?.message.split("\n") ?? []) expect(printed).toContain(line);
    for (const warning of result?.warnings ?? []) expect(printed).toContain(`warning: ${warning}`);
    execFileSync("git", ["checkout", "--", "exercises/03-fibonacci"], { cwd: copy, stdio: "ignore" });
  });
});

describe("a learner's own files beside an exercise", () => {
  it("are graded with it (a helper) or left to the learner (a test), and break no command", {
    timeout: 90_000,
  }, async () => {
    writeFileSync(join(fibonacci(), "helper.ts"), "export const first = (): [number, number] => [1, 1];\n");
    writeFileSync(join(fibonacci(), "my.test.ts"), 'import { it } from "vitest";\nit("is mine", () => {});\n');
    const solution = readFileSync(join(copy, "solutions/03-fibonacci/fibonacci.ts"), "utf8");
    writeFileSync(join(fibonacci(), "fibonacci.ts"), `import { first } from "./helper.ts";\nvoid first;\n${solution}`);

    const graded = await runGrader(["3", "--json"], env(), bin);
    const [result] = (JSON.parse(graded.stdout) as GradeReport).exercises;
    expect(result?.status, result?.message).toBe("passed");
    expect(result?.tests.map((test) => test.name).join("\n"), "the grader runs the shipped test only").not.toContain(
      "is mine",
    );

    const list = await runGrader(["list"], env(), bin);
    expect(list.exitCode, list.stderr).toBe(0);
    expect(list.stdout).toMatch(/03-fibonacci .* ✓ passed/);
    const hint = await runGrader(["hint", "3"], env(), bin);
    expect(hint.stdout).toMatch(/03-fibonacci · hint 1 of/);

    const watch = startCli(["--watch", "3"], env(), bin);
    await watch.waitFor(/03-fibonacci passes!/, 60_000);
    watch.write("q\n");
    expect(await watch.exited).toBe(0);

    // The learner can still run their own test with plain vitest.
    const vitest = execFileSync(process.execPath, ["node_modules/vitest/vitest.mjs", "run", "03-fibonacci"], {
      cwd: join(copy, "exercises"),
      encoding: "utf8",
      env: { ...process.env, NO_COLOR: "1" },
    });
    expect(vitest).toMatch(/my\.test\.ts/);

    const reset = await runGrader(["reset", "3"], env(), bin);
    expect(reset.exitCode, reset.stderr).toBe(0);
    expect(reset.stdout).toMatch(/Restored the starter of 03-fibonacci .*\nYour version is saved in /);
    expect(readFileSync(join(fibonacci(), "fibonacci.ts"), "utf8")).toContain("TODO:");
    expect(existsSync(join(fibonacci(), "helper.ts")) && existsSync(join(fibonacci(), "my.test.ts"))).toBe(true);
    const after = await runGrader(["list"], env(), bin);
    expect(after.stdout, "a reset forgets the exercise's verdict").not.toMatch(/03-fibonacci .* ✓ passed/);
    copyFileSync(join(copy, "solutions/03-fibonacci/fibonacci.ts"), join(fibonacci(), "fibonacci.ts"));
  });
});
