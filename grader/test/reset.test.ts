import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { describeReset, resetExercise } from "../src/commands/reset.ts";
import type { Exercise } from "../src/curriculum/load-curriculum.ts";
import { UsageError } from "../src/errors.ts";
import { gitBlobId, type Manifest } from "../src/manifest.ts";
import { loadState, saveState } from "../src/state.ts";

const STARTER = "export function answer(): number {\n  // TODO: return 42\n  throw new Error('TODO');\n}\n";
const LEARNER = "export function answer(): number {\n  return 41; // my own attempt\n}\n";
const GIVEN = "export const given = 1;\n";

/** A throwaway git repository holding one exercise whose starter the learner has already overwritten. */
function learnerCheckout() {
  const root = mkdtempSync(join(tmpdir(), "grader-reset-"));
  const dir = join(root, "exercises", "01-answer");
  mkdirSync(dir, { recursive: true });
  const file = join(dir, "answer.ts");
  writeFileSync(file, STARTER);
  writeFileSync(join(dir, "given.ts"), GIVEN);
  execFileSync("git", ["init", "-q"], { cwd: root });
  execFileSync("git", ["hash-object", "-w", file, join(dir, "given.ts")], { cwd: root });
  writeFileSync(file, LEARNER);
  // The learner's own additions, which a reset leaves alone.
  writeFileSync(join(dir, "helper.ts"), "export const helper = 2;\n");
  writeFileSync(join(dir, "my.test.ts"), "// my own test\n");
  const exercise = {
    id: "01-answer",
    dir,
    files: { learner: ["answer.ts"], given: ["given.ts"], test: "answer.test.ts", hidden: [] },
  } as unknown as Exercise;
  const manifest: Manifest = {
    version: 2,
    files: {
      "exercises/01-answer/answer.ts": gitBlobId(Buffer.from(STARTER)),
      "exercises/01-answer/given.ts": gitBlobId(Buffer.from(GIVEN)),
    },
  };
  const stateFile = join(root, ".workshop", "state.json");
  saveState(stateFile, { version: 1, hintsShown: {}, lastStatus: { "01-answer": "passed" }, lastResult: {} });
  return { root, dir, file, exercise, manifest, stateFile, backupsDir: join(root, ".workshop", "backups") };
}

describe("reset", () => {
  it("restores the declared files from git, backs up the learner's version, and leaves their own files alone", () => {
    const { root, dir, file, exercise, manifest, stateFile, backupsDir } = learnerCheckout();
    const outcome = resetExercise(exercise, manifest, { backupsDir, stateFile, root });
    expect(readFileSync(file, "utf8")).toBe(STARTER);
    expect(outcome.restored).toEqual(["answer.ts", "given.ts"]);
    expect(readFileSync(join(outcome.backup as string, "answer.ts"), "utf8")).toBe(LEARNER);
    expect(readdirSync(outcome.backup as string), "only what it overwrote").toEqual(["answer.ts"]);
    expect(readFileSync(join(dir, "helper.ts"), "utf8")).toContain("helper");
    expect(existsSync(join(dir, "my.test.ts"))).toBe(true);
  });

  it("forgets the exercise's stored verdict, and says how to get the backup back", () => {
    const { root, exercise, manifest, stateFile, backupsDir } = learnerCheckout();
    const outcome = resetExercise(exercise, manifest, { backupsDir, stateFile, root });
    expect(loadState(stateFile).lastStatus["01-answer"]).toBeUndefined();
    expect(describeReset(exercise, outcome)).toMatch(
      /Your version is saved in .*backups\/01-answer\/.*\/\. To get it back, copy its files over the starter: cp /,
    );
  });

  it("keeps every earlier backup: two resets of changed work give two folders", () => {
    const { root, file, exercise, manifest, stateFile, backupsDir } = learnerCheckout();
    resetExercise(exercise, manifest, { backupsDir, stateFile, root });
    writeFileSync(file, LEARNER);
    resetExercise(exercise, manifest, { backupsDir, stateFile, root });
    expect(readdirSync(join(backupsDir, "01-answer")).length).toBe(2);
  });

  it("changes nothing, and says why, when the original is not in git", () => {
    const { root, file, exercise, manifest, stateFile, backupsDir } = learnerCheckout();
    // As in a copy downloaded without its history: git no longer has the starter's content.
    const id = gitBlobId(Buffer.from(STARTER));
    rmSync(join(root, ".git", "objects", id.slice(0, 2), id.slice(2)));
    const reset = () => resetExercise(exercise, manifest, { backupsDir, stateFile, root });
    expect(reset).toThrow(UsageError);
    expect(reset).toThrow(/Nothing was changed/);
    expect(readFileSync(file, "utf8")).toBe(LEARNER);
    expect(existsSync(backupsDir)).toBe(false);
  });
});
