// A sandboxed graded run's judge runs an exercise's test files one after another in one worker thread; its first
// setup file, fresh-test-file.js, must leave each file the thread as a thread of its own would. Two fixture files
// are run as the judge runs them: the first changes what a test file can (a module's state, a module mock, fake
// timers), the second checks that none of it reached it. Without the setup file the second fails, as the last test
// shows: what the first leaves behind does reach it.
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { BaseSequencer, createVitest, type TestSpecification } from "vitest/node";

const fixtures = fileURLToPath(new URL("./fixtures/one-thread/", import.meta.url));
const freshTestFile = fileURLToPath(import.meta.resolve("@workshop/test-kit/fresh-test-file"));

/** The fixtures by name: first.fixture.ts, then second.fixture.ts. */
class ByName extends BaseSequencer {
  override async sort(files: TestSpecification[]) {
    return [...files].sort((a, b) => a.moduleId.localeCompare(b.moduleId));
  }
}

/** Runs the two fixture files in one thread, and says how each of the second file's tests ended. */
async function secondFileInOneThread(setupFiles: string[]) {
  const vitest = await createVitest("test", {
    root: fixtures,
    config: false,
    watch: false,
    // A reporter that says nothing: the second file fails on purpose in the last test, which is no failure here.
    reporters: [{}],
    include: ["*.fixture.ts"],
    pool: "threads",
    maxWorkers: 1,
    isolate: false,
    setupFiles,
    sequence: { sequencer: ByName },
  });
  try {
    const run = await vitest.start();
    const modules = run.testModules.map((module) => ({
      file: module.moduleId.slice(fixtures.length),
      tests: Object.fromEntries([...module.children.allTests()].map((test) => [test.name, test.result().state])),
    }));
    expect(modules.map((module) => module.file)).toEqual(["first.fixture.ts", "second.fixture.ts"]);
    expect(modules[0]?.tests).toEqual({ "changes what it can of the thread": "passed" });
    return modules[1]?.tests;
  } finally {
    await vitest.close();
  }
}

describe("a test file run after another in the judge's one thread", () => {
  it("starts with fresh modules, no module mocks and real timers", async () => {
    expect(await secondFileInOneThread([freshTestFile])).toEqual({
      "gets fresh modules": "passed",
      "gets the module itself, not the earlier file's mock": "passed",
      "gets real timers": "passed",
    });
  });

  it("would not, without fresh-test-file.js: the first file's modules and fake timers reach the second", async () => {
    // vitest itself keeps a file's module mocks to that file, even in one thread; the rest is fresh-test-file's.
    expect(await secondFileInOneThread([])).toEqual({
      "gets fresh modules": "failed",
      "gets the module itself, not the earlier file's mock": "passed",
      "gets real timers": "failed",
    });
  });
});
