// The TypeScript a learner's process runs in a graded run (typescript-loader.js): real Node processes, started as
// the judge starts one, on small trees written here. A practice run compiles the same code with vite's oxc, so
// what Node 20 lacks must be lowered here as it is there.
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";

const loader = new URL("../src/typescript-loader.js", import.meta.url).href;
let folder: string | undefined;

/** Writes `files` to a new folder and runs its main.ts with the loader; what it printed, or how it failed. */
async function run(files: Record<string, string>): Promise<string> {
  folder = mkdtempSync(join(tmpdir(), "typescript-hooks-"));
  for (const [name, source] of Object.entries(files)) writeFileSync(join(folder, name), source);
  try {
    const { stdout } = await promisify(execFile)(process.execPath, ["--import", loader, join(folder, "main.ts")]);
    return stdout.trim();
  } catch (error) {
    return `failed: ${(error as { stderr: string }).stderr}`;
  }
}

afterEach(() => {
  if (folder) rmSync(folder, { recursive: true, force: true });
  folder = undefined;
});

describe("a learner's TypeScript in its own process", () => {
  it("runs with its types stripped, as an ES module", async () => {
    const printed = await run({
      "main.ts": "interface Point { x: number }\nconst p: Point = { x: 2 };\nconsole.log(p.x * 21, typeof require);",
    });
    expect(printed).toBe("42 undefined");
  });

  it("finds ./x.ts from the names a learner may write: ./x.ts, ./x.js and ./x", async () => {
    const printed = await run({
      "main.ts": [
        'import { a } from "./a.ts";',
        'import { b } from "./b.js";',
        'import { c } from "./c";',
        "console.log(a + b + c);",
      ].join("\n"),
      "a.ts": "export const a: string = 'a';",
      "b.ts": "export const b: string = 'b';",
      "c.ts": "export const c: string = 'c';",
    });
    expect(printed).toBe("abc");
  });

  it("lowers `await using`, which Node 20 cannot run, with the compiler's helpers", async () => {
    const printed = await run({
      "main.ts": [
        "const log: string[] = [];",
        "{",
        "  await using _ = { [Symbol.asyncDispose]: async () => { log.push('disposed'); } };",
        "  log.push('inside');",
        "}",
        "console.log(log.join(' '));",
      ].join("\n"),
    });
    expect(printed).toBe("inside disposed");
  });

  it("says where an error was thrown in the lines the learner wrote, not the compiled ones", async () => {
    const printed = await run({
      "main.ts": [
        "type Unused = { a: string };",
        "interface AlsoUnused {",
        "  b: number;",
        "}",
        "export function fail(): never {",
        "  throw new Error('here');",
        "}",
        "fail();",
      ].join("\n"),
    });
    expect(printed).toMatch(/main\.ts:6:\d+/);
  });

  it("names the file of a syntax error", async () => {
    const printed = await run({ "main.ts": "const x: number = ;" });
    expect(printed).toMatch(/failed: [\s\S]*main\.ts/);
  });
});
