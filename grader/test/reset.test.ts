import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { resetExercise } from "../src/commands/reset.ts";
import type { Exercise } from "../src/curriculum.ts";
import { UsageError } from "../src/errors.ts";
import { gitBlobId, type Manifest } from "../src/manifest.ts";

const STARTER = "export function answer(): number {\n  // TODO: return 42\n  throw new Error('TODO');\n}\n";
const LEARNER = "export function answer(): number {\n  return 41; // my own attempt\n}\n";

/** A throwaway git repository holding one exercise whose starter the learner has already overwritten. */
function learnerCheckout() {
  const root = mkdtempSync(join(tmpdir(), "grader-reset-"));
  const dir = join(root, "exercises", "01-answer");
  mkdirSync(dir, { recursive: true });
  const file = join(dir, "answer.ts");
  writeFileSync(file, STARTER);
  execFileSync("git", ["init", "-q"], { cwd: root });
  execFileSync("git", ["hash-object", "-w", file], { cwd: root });
  writeFileSync(file, LEARNER);
  const exercise = { id: "01-answer", dir, codeFiles: ["answer.ts"] } as Exercise;
  const path = "exercises/01-answer/answer.ts";
  const manifest: Manifest = { version: 1, files: { [path]: gitBlobId(Buffer.from(STARTER)) } };
  return { root, file, exercise, manifest, backups: join(root, ".workshop", "backups") };
}

describe("--reset", () => {
  it("restores the shipped starter from git and keeps the learner's version in a backup it names", () => {
    const { root, file, exercise, manifest, backups } = learnerCheckout();
    const backup = resetExercise(exercise, manifest, backups, root);
    expect(readFileSync(file, "utf8")).toBe(STARTER);
    expect(readFileSync(join(backup, "answer.ts"), "utf8")).toBe(LEARNER);
  });

  it("keeps every earlier backup: two resets give two folders", () => {
    const { root, exercise, manifest, backups } = learnerCheckout();
    resetExercise(exercise, manifest, backups, root);
    resetExercise(exercise, manifest, backups, root);
    expect(readdirSync(join(backups, "01-answer")).length).toBe(2);
  });

  it("changes nothing, and says why, when the original is not in git", () => {
    const { root, file, exercise, manifest, backups } = learnerCheckout();
    // As in a copy downloaded without its history: git no longer has the starter's content.
    const id = gitBlobId(Buffer.from(STARTER));
    rmSync(join(root, ".git", "objects", id.slice(0, 2), id.slice(2)));
    expect(() => resetExercise(exercise, manifest, backups, root)).toThrow(UsageError);
    expect(() => resetExercise(exercise, manifest, backups, root)).toThrow(/Nothing was changed/);
    expect(readFileSync(file, "utf8")).toBe(LEARNER);
    expect(existsSync(backups)).toBe(false);
  });
});
