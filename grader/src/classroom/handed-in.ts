import { posix } from "node:path";
import type { SubmissionInfo } from "../result.ts";

const KIND: Record<NonNullable<SubmissionInfo["unrecognised"]>[number]["kind"], string> = {
  "own-test": "the learner's own test, not run",
  code: "code the exercises do not name",
  other: "not code",
};

/**
 * What a submission held that was not graded, in words for the instructor: each file the grader did not recognise,
 * and, for code beside a missing file, the guess that it is that file renamed (`fibonacci-final.ts` where
 * `fibonacci.ts` is missing): the grade stands as "file missing", and the instructor can decide.
 */
export function handedInNotes(submission: SubmissionInfo | undefined): string[] {
  const unrecognised = submission?.unrecognised ?? [];
  if (unrecognised.length === 0) return [];
  const missing = (submission?.files ?? []).filter((file) => !file.from);
  const described = unrecognised.map(({ path, kind }) => {
    const renamed = kind === "code" ? missing.find((file) => looksRenamed(path, file)) : undefined;
    const guess = renamed ? `; ${renamed.exercise}'s ${renamed.name} renamed?` : "";
    return `${path} (${KIND[kind]}${guess})`;
  });
  return [`handed in, not graded: ${described.join(", ")}`];
}

/** Whether `path` may be `file` under another name: in that exercise's folder, or named after it. */
function looksRenamed(path: string, file: { exercise: string; name: string }): boolean {
  const stem = file.name.replace(/\.ts$/, "");
  return path.split("/").includes(file.exercise) || posix.basename(path).startsWith(stem);
}
