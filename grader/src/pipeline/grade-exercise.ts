import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { readModuleShape } from "../analysis/module-shape.ts";
import type { Exercise } from "../curriculum/load-curriculum.ts";
import { gitBlobId, type Manifest, manifestPath } from "../manifest.ts";
import type { ExerciseResult, InconclusivePolicy, SourceLocation } from "../result.ts";
import type { Protection } from "../run/sandbox.ts";
import type { TestProcess } from "../run/test-process.ts";
import { checkSpeedup } from "../speedup/check-speedup.ts";
import type { GradingTree } from "../tree/grading-tree.ts";
import { learnerCode, withUsed } from "../tree/learner-code.ts";
import { decide, type Evidence } from "../verdict/decide.ts";
import { testEvidence, testResult } from "../verdict/test-evidence.ts";
import type { GradeListener } from "./events.ts";

/** What grading one exercise needs from the run around it. */
export interface ExerciseContext {
  curriculum: Exercise[];
  tree: GradingTree;
  tests: TestProcess;
  manifest: Manifest;
  /** Graded runs also run the hidden tests, and fail an exercise whose shipped files were changed. */
  graded: boolean;
  /** The tree is a learner's submission, whose files were handed in (a class batch, Gradescope). */
  submitted: boolean;
  /** What differs from the manifest among the exercise's tests and given files. */
  shippedChanges: string[];
  /** Type warnings of the tree's files, by file, computed beside the tests. */
  typeWarnings: Promise<Map<string, string[]>>;
  timeLimitSeconds: number;
  policy: InconclusivePolicy;
  revealHiddenTests: boolean;
  /** Files that may have changed since the test process last ran (watch mode). */
  changedFiles?: string[];
  signal?: AbortSignal;
  emit: GradeListener;
  /** Graded runs: whether the learner's code runs in sandboxes, apart from the judge. */
  protection?: Protection;
  /** How the speedup is measured (checkSpeedup, unless the session was given another). */
  measureSpeedup?: typeof checkSpeedup;
}

/**
 * Grades one exercise: what its files say without running them, then its tests, then (if they pass) its
 * speedup; `decide` turns the evidence into the verdict. Resolves with undefined when cancelled.
 */
export async function gradeExercise(exercise: Exercise, context: ExerciseContext): Promise<ExerciseResult | undefined> {
  const startedAt = performance.now();
  const { tree, emit, signal } = context;
  const folder = join(tree.root, exercise.id);
  const code = learnerCode(tree.root, exercise).map((file) => join(folder, file));
  const evidence: Evidence = {
    exercise,
    warnings: [],
    durationMs: 0,
    timeLimitSeconds: context.timeLimitSeconds,
    policy: context.policy,
    showHidden: context.revealHiddenTests,
  };
  const finish = async (): Promise<ExerciseResult> => {
    const warnings = await context.typeWarnings;
    evidence.warnings.push(...code.flatMap((file) => warnings.get(file) ?? []));
    emit({ type: "analysis-finished", id: exercise.id, warnings: [...evidence.warnings] });
    evidence.durationMs = performance.now() - startedAt;
    return decide(evidence);
  };

  if (context.shippedChanges.length > 0) {
    const changes = context.shippedChanges.join("; ");
    if (context.graded) {
      evidence.tampered = {
        reason: "tampered-test",
        message: `${changes}: a graded run uses the tests and files the workshop shipped, and these differ. Restore them with git.`,
      };
      return finish();
    }
    evidence.warnings.push(`${changes}; the grade uses your copy. In a graded run (--ci) this exercise would fail.`);
  }
  const missing = exercise.files.learner.find((file) => !existsSync(join(folder, file)));
  if (missing) {
    evidence.missingFile = tree.shown(join(folder, missing));
    evidence.submitted = context.submitted;
    return finish();
  }
  // Its start overlaps with the static checks; an exercise whose file is missing, or whose tests were changed,
  // never starts one.
  void context.tests.start();
  const staticProblem = readStatically(exercise, code, tree);
  if (staticProblem) {
    Object.assign(evidence, staticProblem);
    return finish();
  }

  const testFiles = [exercise.files.test, ...(context.graded ? exercise.files.hidden : [])].map((name) =>
    join(exercise.dir, name),
  );
  const hiddenSet = new Set(testFiles.slice(1));
  const outcome = await context.tests.run({
    testFiles,
    // The exercise's code and that of the exercises it builds on: any of them may have changed since the last run.
    changedFiles:
      context.changedFiles ??
      withUsed([exercise], context.curriculum).flatMap((used) =>
        learnerCode(tree.root, used).map((file) => join(tree.root, used.id, file)),
      ),
    timeoutMs: context.timeLimitSeconds * 1000,
    ...(signal ? { signal } : {}),
    onMessage: (message) => {
      if (message.type !== "test") return;
      const test = testResult(message, hiddenSet, tree.original);
      // A hidden test's message could give its inputs away: the live view shows its name only.
      emit({ type: "test-finished", id: exercise.id, test: test.hidden ? { ...test, message: "" } : test });
    },
  });
  if (outcome.cancelled) return undefined;
  evidence.tests = testEvidence(outcome, hiddenSet, tree.original);
  evidence.untouched = untouchedStarter(exercise, folder, context.manifest, tree);

  const allPassed =
    evidence.tests.tests.length > 0 &&
    evidence.tests.tests.every((test) => test.status === "passed") &&
    !evidence.tests.timedOut &&
    !evidence.tests.crashed &&
    evidence.tests.moduleErrors.length + evidence.tests.hiddenModuleErrors.length + evidence.tests.unhandled.length ===
      0;
  if (allPassed) evidence.untouched = undefined;
  // Only code whose tests pass is worth timing; the tests explain everything else better.
  if (allPassed && exercise.contract.speedup) {
    emit({ type: "speedup-progress", id: exercise.id, phase: "structure", ratios: [] });
    const speedup = await (context.measureSpeedup ?? checkSpeedup)(exercise, tree, {
      limitMs: context.timeLimitSeconds * 1000,
      ...(context.protection ? { protection: context.protection } : {}),
      graded: context.graded,
      ...(signal ? { signal } : {}),
      onProgress: (message) =>
        emit({
          type: "speedup-progress",
          id: exercise.id,
          phase: "timing",
          ratios: message.type === "progress" ? message.ratios : [],
        }),
    });
    if (!speedup || signal?.aborted) return undefined;
    emit({ type: "speedup-result", id: exercise.id, speedup });
    evidence.speedup = speedup;
  }
  return finish();
}

/** A syntax error or a missing export, from the files' syntax alone: said plainly, without running anything. */
function readStatically(
  exercise: Exercise,
  code: string[],
  tree: GradingTree,
): Pick<Evidence, "syntaxError" | "missingExports"> | undefined {
  for (const file of code) {
    if (!existsSync(file)) continue;
    const shape = readModuleShape(file);
    if (shape.syntaxError) {
      const { message, location } = shape.syntaxError;
      return {
        syntaxError: { shown: tree.shown(file), message, location: { ...location, file: tree.original(file) } },
      };
    }
    const name = file
      .slice(join(tree.root, exercise.id).length + 1)
      .split("\\")
      .join("/");
    const expected = exercise.contract.exports[name] ?? [];
    const found = new Set(shape.names);
    const missing = expected.filter((exported) => !found.has(exported));
    if (missing.length > 0) {
      const location: SourceLocation = { file: tree.original(file), line: 1, column: 1 };
      return { missingExports: { shown: tree.shown(file), missing, expected, location } };
    }
  }
  return undefined;
}

/** Every learner file as the workshop shipped it: the starter, untouched; with its first TODO, to point to. */
function untouchedStarter(
  exercise: Exercise,
  folder: string,
  manifest: Manifest,
  tree: GradingTree,
): Evidence["untouched"] {
  for (const name of exercise.files.learner) {
    const shipped = manifest.files[manifestPath(join(exercise.dir, name))];
    let content: Buffer;
    try {
      content = readFileSync(join(folder, name));
    } catch {
      return undefined;
    }
    if (!shipped || gitBlobId(content) !== shipped) return undefined;
  }
  for (const name of exercise.files.learner) {
    const lines = readFileSync(join(folder, name), "utf8").split("\n");
    const index = lines.findIndex((line) => /\/\/\s*TODO:/.test(line));
    if (index >= 0) {
      // A TODO may go on over the comment lines below it.
      const more = lines.slice(index + 1).findIndex((line) => !/^\s*\/\/(?!\s*TODO:)/.test(line));
      const comment = lines.slice(index, index + 1 + Math.max(0, more));
      const todo = comment
        .map((line) => line.replace(/^\s*\/\/\s*/, "").replace(/^TODO:\s*/, ""))
        .join(" ")
        .trim();
      const column = (lines[index] ?? "").indexOf("TODO:") + 1;
      return { todo, location: { file: tree.original(join(folder, name)), line: index + 1, column } };
    }
  }
  return undefined;
}
