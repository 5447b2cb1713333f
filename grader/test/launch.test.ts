// What `pnpm grade` starts before the grader's own modules have loaded (bin/launch.js), from its words alone.
import { describe, expect, it } from "vitest";
import { firstProcess } from "../bin/launch.js";

describe("the process a learner's command starts at once", () => {
  it("is one test process for a practice run, whatever it grades", () => {
    expect(firstProcess([])).toBe("test process");
    expect(firstProcess(["3", "5"])).toBe("test process");
    expect(firstProcess(["--solutions", "3"])).toBe("test process");
  });

  it("is a judge in a sandbox for a graded run, --ci or --target", () => {
    expect(firstProcess(["--ci"])).toBe("judge");
    expect(firstProcess(["--target", "submission", "3"])).toBe("judge");
    expect(firstProcess(["--target=submission", "--json"])).toBe("judge");
  });

  it("is one test process for a graded run without a sandbox, which judges in one process", () => {
    expect(firstProcess(["--target", "submission", "--no-sandbox"])).toBe("test process");
  });

  it("is nothing for watch mode or another command that follows a target: nothing idles for a session's length", () => {
    expect(firstProcess(["--watch", "--target", "submission"])).toBeUndefined();
    expect(firstProcess(["watch", "--target", "submission"])).toBeUndefined();
    expect(firstProcess(["hint", "3", "--target", "submission"])).toBeUndefined();
  });
});
