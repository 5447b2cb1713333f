import { describe, expect, it } from "vitest";
import { redirectExerciseImports } from "../src/redirect-plugin.ts";
import { targetFile } from "../src/target.ts";

type ResolveId = (source: string, importer?: string) => unknown;
const resolverFor = (exercises: string, target: string) =>
  redirectExerciseImports(exercises, target).resolveId as unknown as ResolveId;

describe("redirecting a test's imports to the tree under test", () => {
  const resolve = resolverFor("/w/exercises", "/w/solutions");

  it("sends a test's relative import to the same exercise in the target tree", () => {
    expect(resolve("./integers.ts", "/w/exercises/01-integers/integers.test.ts")).toBe(
      "/w/solutions/01-integers/integers.ts",
    );
  });

  it("leaves imports of packages, and imports made by the code under test, alone", () => {
    expect(resolve("vitest", "/w/exercises/01-integers/integers.test.ts")).toBeNull();
    expect(resolve("./integers.ts", "/w/solutions/02-even-numbers/even-numbers.ts")).toBeNull();
  });

  it("never escapes the exercise's folder", () => {
    expect(resolve("../02-even-numbers/even-numbers.ts", "/w/exercises/01-integers/integers.test.ts")).toBeNull();
  });

  it("does nothing when the target is the exercises themselves", () => {
    const same = resolverFor("/w/exercises", "/w/exercises");
    expect(same("./integers.ts", "/w/exercises/01-integers/integers.test.ts")).toBeNull();
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
