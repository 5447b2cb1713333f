import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { redirectExerciseImports } from "../src/redirect-plugin.js";
import { targetFile } from "../src/target.ts";

type ResolveId = (this: unknown, source: string, importer: string | undefined, options: object) => Promise<unknown>;

/** Calls the plugin's hook as vite would, with a `this.resolve` that records what it was asked. */
const resolverFor = (exercises: string, target: string) => {
  const hook = redirectExerciseImports(exercises, target).resolveId as unknown as ResolveId;
  const context = { resolve: async (source: string, importer: string) => `${source} from ${importer}` };
  return (source: string, importer?: string) => hook.call(context, source, importer, {});
};

describe("redirecting a test's imports to the tree under test", () => {
  const resolve = resolverFor("/w/exercises", "/w/solutions");

  it("sends a test's relative import to the same exercise in the target tree", async () => {
    expect(await resolve("./integers.ts", "/w/exercises/01-integers/integers.test.ts")).toBe(
      "/w/solutions/01-integers/integers.ts",
    );
  });

  it("leaves the tests' own package imports, and the code's relative imports, to vite", async () => {
    expect(await resolve("vitest", "/w/exercises/01-integers/integers.test.ts")).toBeNull();
    expect(await resolve("./integers.ts", "/w/solutions/02-even-numbers/even-numbers.ts")).toBeNull();
  });

  it("resolves the target's package imports as if from exercises/, which has the node_modules", async () => {
    expect(await resolve("@workshop/core", "/w/solutions/07-pi-in-a-thread/pi-in-a-thread.ts")).toBe(
      "@workshop/core from /w/exercises/package.json",
    );
  });

  it("sends a test's import of an earlier exercise's code, and a hidden test's, to the target too", async () => {
    expect(await resolve("../01-integers/integers.ts", "/w/exercises/02-even-numbers/even-numbers.test.ts")).toBe(
      "/w/solutions/01-integers/integers.ts",
    );
    expect(await resolve("../integers.ts", "/w/exercises/01-integers/hidden/take.test.ts")).toBe(
      "/w/solutions/01-integers/integers.ts",
    );
  });

  it("never redirects outside the exercises, nor to another test", async () => {
    expect(await resolve("../../grader/src/cli.ts", "/w/exercises/01-integers/integers.test.ts")).toBeNull();
    expect(await resolve("./hidden/take.test.ts", "/w/exercises/01-integers/integers.test.ts")).toBeNull();
  });

  it("does nothing when the target is the exercises themselves", async () => {
    const same = resolverFor("/w/exercises", "/w/exercises");
    expect(await same("./integers.ts", "/w/exercises/01-integers/integers.test.ts")).toBeNull();
  });
});

describe("targetFile", () => {
  it("names a file of the same exercise in the tree given by WORKSHOP_TARGET, or beside the test", () => {
    const testUrl = "file:///w/exercises/09-script-with-main/async-pi.test.ts";
    const saved = process.env.WORKSHOP_TARGET;
    try {
      process.env.WORKSHOP_TARGET = "/w/solutions";
      expect(targetFile(testUrl, "async-pi.ts")).toBe("/w/solutions/09-script-with-main/async-pi.ts");
      delete process.env.WORKSHOP_TARGET;
      expect(targetFile(testUrl, "async-pi.ts")).toBe("/w/exercises/09-script-with-main/async-pi.ts");
    } finally {
      if (saved === undefined) delete process.env.WORKSHOP_TARGET;
      else process.env.WORKSHOP_TARGET = saved;
    }
  });
});

describe("the files an exercise gives", () => {
  // A real exercises folder, where 09 gives async-timer.ts, and a target that holds none of it.
  const exercises = fileURLToPath(new URL("../../../exercises", import.meta.url));
  const plugin = redirectExerciseImports(exercises, "/t");
  const resolveId = plugin.resolveId as unknown as ResolveId;
  const load = plugin.load as unknown as (id: string) => Promise<string | null>;

  it("are the workshop's copy, whatever the target holds, and resolve from the target's folder", async () => {
    const wanted = await resolveId.call({}, "./async-timer.ts", "/t/09-script-with-main/async-pi.ts", {});
    expect(wanted).toBe("/t/09-script-with-main/async-timer.ts");
    await expect(load("/t/09-script-with-main/async-timer.ts")).resolves.toBe(
      readFileSync(`${exercises}/09-script-with-main/async-timer.ts`, "utf8"),
    );
  });

  it("leave the learner's own files alone", async () => {
    expect(await resolveId.call({}, "./calc-pi.ts", "/t/09-script-with-main/async-pi.ts", {})).toBeNull();
    await expect(load("/t/09-script-with-main/calc-pi.ts")).resolves.toBeNull();
  });
});
