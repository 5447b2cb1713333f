import { BaseSequencer, type TestSpecification } from "vitest/node";

/**
 * The end-to-end files that take longest (seconds on 2 cores, in a fresh clone's `.ci/run`), started first so
 * that the two workers end together. A fresh clone has no record of durations, and vitest then starts the
 * largest files first: same-verdict, a short file that grades three trees twice (135 s), ran alone at the end.
 */
const LONGEST = ["same-verdict", "hostile", "learner-edition", "class-batch", "mistakes", "hidden-tests"];

function rank(file: TestSpecification): number {
  const index = LONGEST.findIndex((name) => file.moduleId.endsWith(`/${name}.e2e.test.ts`));
  return index < 0 ? LONGEST.length : index;
}

/** vitest's order (groups, projects, failures first, recorded durations), with the longest known files first. */
export class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const position = new Map(sorted.map((file, index) => [file, index]));
    const sameRun = (a: TestSpecification, b: TestSpecification) =>
      a.project.config.sequence.groupOrder === b.project.config.sequence.groupOrder &&
      a.project.name === b.project.name;
    return sorted.toSorted((a, b) =>
      sameRun(a, b)
        ? rank(a) - rank(b) || (position.get(a) ?? 0) - (position.get(b) ?? 0)
        : (position.get(a) ?? 0) - (position.get(b) ?? 0),
    );
  }
}
