import { describe, expect, it } from "vitest";
import { redirectExerciseImports } from "../src/redirect-plugin.ts";
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

  it("never escapes the exercise's folder", async () => {
    expect(await resolve("../02-even-numbers/even-numbers.ts", "/w/exercises/01-integers/integers.test.ts")).toBeNull();
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
