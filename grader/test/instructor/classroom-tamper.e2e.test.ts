// The Classroom workflow's grading, as its steps run it: a learner who edits a test and regenerates the manifest
// in their own repository is still graded with the template's test, and the change is named for the instructor.
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { GradeReport } from "../../src/result.ts";
import { instructorBin, runGrader } from "../run-grader.ts";
import { copyWorkshop } from "../support/workshop-copy.ts";

describe("a learner's repository with an edited test and a regenerated manifest", () => {
  it("is graded with the template's test, and the edit is named", { timeout: 120_000 }, async () => {
    const template = copyWorkshop();
    const learner = copyWorkshop();
    // A learner's repository is made from the learner edition: no hidden tests.
    const metadata = join(learner, "exercises/02-even-numbers/exercise.json");
    const { files, ...rest } = JSON.parse(readFileSync(metadata, "utf8"));
    writeFileSync(metadata, JSON.stringify({ ...rest, files: { ...files, hidden: [] } }));
    writeFileSync(
      join(learner, "exercises/02-even-numbers/even-numbers.test.ts"),
      'import { it } from "vitest";\nit("passes", () => {});\n',
    );
    execFileSync(process.execPath, [join(learner, "grader/bin/instructor.js"), "generate"], { stdio: "ignore" });
    // In the learner's own repository, that would pass: its manifest agrees with its edited test.
    const own = await runGrader(["2", "--ci", "--json"], {}, join(learner, "grader/bin/grade.js"));
    expect(JSON.parse(own.stdout).exercises[0].status).toBe("passed");

    // The workflow's grading step: the template's grader, on the learner's exercises.
    const graded = await runGrader(
      ["02-even-numbers", "--target", join(learner, "exercises"), "--json"],
      {},
      join(template, "grader/bin/grade.js"),
    );
    const [result] = (JSON.parse(graded.stdout) as GradeReport).exercises;
    expect(graded.exitCode).toBe(1);
    expect(result).toMatchObject({ reason: "not-started", points: 0 });

    const named = await runGrader(["protected-changes", learner, "--template", template], {}, instructorBin);
    expect(named.stdout).toContain("::warning file=exercises/02-even-numbers/even-numbers.test.ts::");
    expect(named.stdout).toContain("grader/manifest.json");
  });
});
