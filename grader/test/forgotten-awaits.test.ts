// The static analysis behind "forgotten await": what it names, and what it must leave alone.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { forgottenAwaits, readForgottenAwaitWarning } from "../src/analysis/forgotten-awaits.ts";
import { loadCurriculum } from "../src/curriculum/load-curriculum.ts";
import { gitBlobId, manifestPath, readManifest } from "../src/manifest.ts";
import { workshop } from "../src/paths.ts";

const folder = mkdtempSync(join(tmpdir(), "forgotten-awaits-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** The findings in a file of `code`, written where its relative imports of the workshop's packages resolve. */
function findings(code: string): { line: number; message: string }[] {
  const file = join(folder, `case-${Math.random().toString(36).slice(2)}.ts`);
  writeFileSync(file, code);
  return forgottenAwaits(file).map(({ line, message }) => ({ line, message }));
}

const imports = 'import { sleep, createPiPool, type PiPool } from "@workshop/core";\n';

describe("forgotten awaits", () => {
  it("finds none in the starters as shipped (the reference solutions: instructor/forgotten-awaits-clean.test.ts)", () => {
    const manifest = readManifest();
    for (const exercise of loadCurriculum(workshop.exercises)) {
      for (const name of exercise.files.learner) {
        const file = join(exercise.dir, name);
        // A starter a learner has worked on is theirs: what it holds is for their grade to say.
        if (gitBlobId(readFileSync(file)) !== manifest.files[manifestPath(file)]) continue;
        expect(forgottenAwaits(file), `${exercise.id}/${name}`).toEqual([]);
      }
    }
  });

  it("leaves alone a promise that is awaited, returned, passed on, given a .then, or explicitly dropped with void", () => {
    const code = `${imports}
export async function all(pool: PiPool) {
  await sleep(1);
  const tasks = [pool.run(1), pool.run(2)];
  const later = sleep(2);
  void sleep(3);
  sleep(4).then(() => {});
  await Promise.all(tasks);
  await later;
  return Array.from({ length: 2 }, () => pool.run(3));
}
export function handOn() {
  return sleep(5);
}`;
    expect(findings(code)).toEqual([]);
  });

  it("names a dropped promise, one printed, and one kept and never awaited, each at its line", () => {
    const code = `${imports}
export async function run() {
  sleep(200);
  const pool = await createPiPool();
  console.log(\`pi: \${pool.run(10)}\`);
  const pending = sleep(1);
  Promise.reject(new Error("lost"));
}`;
    const found = findings(code);
    expect(found.map((f) => f.line)).toEqual([4, 6, 7, 8]);
    expect(found[0]?.message).toMatch(
      /^`sleep\(200\)` returns a promise, and nothing awaits it.* Write `await sleep\(200\)`/,
    );
    expect(found[1]?.message).toMatch(
      /^`pool\.run\(10\)` returns a promise, not its result: printed at line 6, it reads "\[object Promise\]"/,
    );
    expect(found[2]?.message).toMatch(/^`sleep\(1\)` returns a promise, kept in `pending` and never awaited/);
    expect(found[3]?.message).toMatch(/^`Promise\.reject\(new Error\("lost"\)\)` returns a promise/);
  });

  it("says how outside an async function", () => {
    const [found] = findings(`${imports}export function tick() {\n  sleep(1);\n}`);
    expect(found?.message).toMatch(/Make the function async and write `await sleep\(1\)`/);
  });

  it("names a pool declared with plain `using`", () => {
    const [found] = findings(`${imports}export async function run() {\n  using pool = await createPiPool();\n}`);
    expect(found?.message).toMatch(
      /^`using pool = await createPiPool\(\)` looks for `\[Symbol\.dispose\]`, and a PiPool/,
    );
  });

  it("reads back the warning it writes, with the place and the whole message", () => {
    expect(
      readForgottenAwaitWarning("forgotten await at exercises/05-x/x.ts:12:5: `sleep(1)` returns a promise: a: b"),
    ).toEqual({ shown: "exercises/05-x/x.ts", line: 12, column: 5, message: "`sleep(1)` returns a promise: a: b" });
    expect(readForgottenAwaitWarning("type error at exercises/05-x/x.ts:1:1: no")).toBeUndefined();
  });
});
