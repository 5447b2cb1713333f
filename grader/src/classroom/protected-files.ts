import { readFileSync } from "node:fs";
import { join } from "node:path";
import { filesUnder } from "../tree/files-under.ts";

/**
 * The files of a learner's repository that decide how it is graded, rather than what it does: the workflows, the
 * grader, the tests, the exercises' descriptions and the manifest of their hashes, and the installed versions.
 * A learner's repository may change them (it is theirs); the Classroom workflow grades with the template's, and
 * names every one that differs, so that the instructor sees it.
 */
const PROTECTED = [
  /^\.github\//,
  /^grader\/(?!dist\/|node_modules\/)/,
  /^exercises\/[^/]+\/.*\.test\.ts$/,
  /^exercises\/[^/]+\/exercise\.json$/,
  /^exercises\/(vitest\.config\.ts|exercise\.schema\.json|package\.json|tsconfig\.json)$/,
  /^packages\/(?!.*node_modules\/)/,
  /^(package\.json|pnpm-lock\.yaml|pnpm-workspace\.yaml|course\.json)$/,
];
const SKIPPED = new Set(["node_modules", ".git", "dist", ".turbo", ".workshop"]);

/** The protected files that differ between the template's checkout and the learner's, by path: changed, added, gone. */
export function protectedChanges(template: string, learner: string): string[] {
  const inTemplate = protectedFiles(template);
  const inLearner = protectedFiles(learner);
  const changes: string[] = [];
  for (const path of new Set([...inTemplate, ...inLearner])) {
    if (!inLearner.has(path)) changes.push(`${path} (deleted)`);
    else if (!inTemplate.has(path)) changes.push(`${path} (added)`);
    else if (!readFileSync(join(template, path)).equals(readFileSync(join(learner, path)))) changes.push(path);
  }
  return changes.sort();
}

function protectedFiles(root: string): Set<string> {
  return new Set(
    filesUnder(root, (folder) => SKIPPED.has(folder)).filter((path) => PROTECTED.some((pattern) => pattern.test(path))),
  );
}
