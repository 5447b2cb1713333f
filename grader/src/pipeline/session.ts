import { join, resolve } from "node:path";
import { TARGET_ENV } from "@workshop/test-kit/target-env";
import { typeWarnings } from "../analysis/type-check.ts";
import type { Exercise } from "../curriculum/load-curriculum.ts";
import { loadAverage } from "../machine.ts";
import type { Manifest } from "../manifest.ts";
import { workshop } from "../paths.ts";
import {
  type ExerciseResult,
  type GradeReport,
  type InconclusivePolicy,
  RESULT_SCHEMA_VERSION,
  type SubmissionInfo,
} from "../result.ts";
import { gradedProtection, type Protection } from "../run/sandbox.ts";
import { prestartedJudgeTree, TestProcess } from "../run/test-process.ts";
import type { checkSpeedup } from "../speedup/check-speedup.ts";
import {
  type CodeSnapshot,
  type GivenContent,
  type GradingTree,
  snapshotCode,
  treeInPlace,
  writeTree,
} from "../tree/grading-tree.ts";
import { learnerCode, withUsed } from "../tree/learner-code.ts";
import { summarize } from "../verdict/statuses.ts";
import type { GradeListener } from "./events.ts";
import { type ExerciseContext, gradeExercise } from "./grade-exercise.ts";
import { provenance } from "./provenance.ts";
import { TrustedFiles } from "./trusted-files.ts";

export interface SessionOptions {
  curriculum: Exercise[];
  /** The folder of the learner's code: `exercises/`, `solutions/`, or a submission laid out like them. */
  source: string;
  /** How reports name the source: `exercises`, `solutions`, or its path. */
  label: string;
  /**
   * `practice`: a learner's own run, warm processes shared between exercises. `graded`: every exercise in a tree
   * and processes of its own, the tests served from what the grader read at the start, hidden tests included.
   */
  mode: "practice" | "graded";
  manifest: Manifest;
  /** Replaces every exercise's time limit, in seconds (`--timeout`). */
  timeLimitSeconds?: number;
  policy: InconclusivePolicy;
  /**
   * Whether results keep what hidden tests checked (their messages): only for a report whose readers the
   * instructor controls (Gradescope's per-test visibility, a class batch). Every other report shows their names.
   */
  revealHiddenTests: boolean;
  /** Called with every verdict that counts: where the learner's progress is kept, when it is kept. */
  onVerdict?: (result: ExerciseResult) => void;
  /**
   * The learner's submission that `source` was laid out from (graded runs of a submission): it goes into the
   * report, its commit is the tree's, and `changes` names the tests and given files it changed, by exercise id,
   * which a graded run fails as tampering (their copies in the submission are never run).
   */
  submission?: { info: SubmissionInfo; changes: ReadonlyMap<string, string[]> };
  /**
   * How a speedup is measured: checkSpeedup unless given. The grader's own tests give one that reads a pass as a
   * busy machine's `inconclusive` (grader/test/support/simulated-busy/), since a real busy machine cannot be ordered.
   */
  measureSpeedup?: typeof checkSpeedup;
  /**
   * A graded run without a sandbox (`--no-sandbox`): for code the person running it trusts. Without it, a graded
   * run on a machine that cannot make a sandbox refuses to start, saying how to get one.
   */
  allowUnprotected?: boolean;
}

export interface RunRequest {
  signal?: AbortSignal;
  listeners: GradeListener[];
  /** Files saved since the last run, in watch mode: the test process forgets what it cached of them. */
  changedFiles?: string[];
  /**
   * When the run began, on `performance.now()`'s clock, if before this call: a command's run began with its
   * process (0), so that the time it reports is the whole time the learner waited.
   */
  startedAt?: number;
}

/**
 * The one grading pipeline. `grade`, watch mode, the class commands and the browser app all grade through a
 * session: it decides where the code runs, sequences the static checks, the tests, the speedup check and the
 * verdict of each exercise, and tells every listener what happens. A practice session keeps its test process
 * warm between runs; `close` ends it.
 */
export class GradingSession {
  readonly options: SessionOptions;
  #tests: TestProcess | undefined;
  #practiceTree: GradingTree | undefined;

  constructor(options: SessionOptions) {
    this.options = options;
  }

  /** Starts what a practice run needs now, so that the first grade does not wait for it. */
  warmUp(): void {
    if (this.options.mode !== "practice") return;
    this.#practiceTree ??= this.#inPlace()
      ? treeInPlace(workshop.exercises)
      : writeTree({ source: this.options.source, files: new Map() }, [], this.options.curriculum, () =>
          Buffer.alloc(0),
        );
    void this.#practiceTests(this.#practiceTree).start();
  }

  async grade(exercises: Exercise[], request: RunRequest): Promise<GradeReport | undefined> {
    const { options } = this;
    const startedAt = new Date();
    const started = request.startedAt ?? performance.now();
    const load = loadAverage();
    const emit: GradeListener = (event) => {
      for (const listener of request.listeners) listener(event);
    };
    const trusted = new TrustedFiles(exercises, options.manifest);
    const snapshot = snapshotCode(options.source, exercises, options.curriculum);
    // A submission's files are named as the learner knows them (exercises/NN-slug/file, where their repository
    // has them), not by the temporary folder the grader copied them into.
    if (options.submission) snapshot.source = workshop.exercises;
    emit({
      type: "run-started",
      target: options.label,
      mode: options.mode,
      exercises: exercises.map(({ id, number, title, points }) => ({ id, number, title, points })),
    });
    const given = (exercise: Exercise, file: string) => trusted.content(join(exercise.dir, file));
    // Type checking is the slowest static check, and needs no test: it runs for every exercise at once, beside them.
    const typesTree =
      options.mode === "practice"
        ? this.#practiceTreeFor(exercises, snapshot, given)
        : writeTree(snapshot, exercises, options.curriculum, given);
    const warnings = this.#typeWarnings(exercises, typesTree);
    const graded = options.mode === "graded";
    const protection = graded ? gradedProtection(options.allowUnprotected ?? false) : undefined;
    const results: ExerciseResult[] = [];
    try {
      for (const [index, exercise] of exercises.entries()) {
        if (request.signal?.aborted) break;
        emit({ type: "exercise-started", id: exercise.id, index, total: exercises.length });
        // The first sandboxed exercise's tree goes where a judge started with the grader sees it (bin/launch.js).
        const into = protection === "sandboxed" ? prestartedJudgeTree() : undefined;
        const tree = graded ? writeTree(snapshot, [exercise], options.curriculum, given, into) : typesTree;
        const tests = protection ? this.#gradedTests(exercise, tree, trusted, protection) : this.#practiceTests(tree);
        const context: ExerciseContext = {
          curriculum: options.curriculum,
          tree,
          tests,
          manifest: options.manifest,
          graded,
          submitted: Boolean(options.submission),
          shippedChanges: [...trusted.changes(exercise), ...(options.submission?.changes.get(exercise.id) ?? [])],
          typeWarnings: warnings.then((byPath) => inTree(byPath, typesTree, tree)),
          timeLimitSeconds: options.timeLimitSeconds ?? exercise.timeLimitSeconds,
          policy: options.policy,
          revealHiddenTests: options.revealHiddenTests,
          emit,
          ...(protection ? { protection } : {}),
          ...(options.measureSpeedup ? { measureSpeedup: options.measureSpeedup } : {}),
          ...(request.signal ? { signal: request.signal } : {}),
          ...(request.changedFiles ? { changedFiles: request.changedFiles } : {}),
        };
        let result: ExerciseResult | undefined;
        try {
          result = await gradeExercise(exercise, context);
        } finally {
          if (graded) {
            tests.kill();
            tree.dispose();
          }
        }
        if (!result) {
          emit({ type: "exercise-cancelled", id: exercise.id });
          break;
        }
        results.push(result);
        options.onVerdict?.(result);
        emit({ type: "exercise-verdict", result });
      }
    } finally {
      if (typesTree !== this.#practiceTree) typesTree.dispose();
    }
    if (request.signal?.aborted) return undefined;
    const run = provenance({
      startedAt,
      mode: options.mode,
      source: options.source,
      load,
      policy: options.policy,
      ...(protection ? { protection } : {}),
    });
    const submission = options.submission?.info;
    if (submission?.commit) run.treeCommit = submission.commit;
    const report: GradeReport = {
      version: RESULT_SCHEMA_VERSION,
      target: options.label,
      run,
      summary: summarize(results),
      exercises: results,
      ...(submission ? { submission } : {}),
    };
    emit({ type: "run-finished", report, elapsedMs: performance.now() - started });
    return report;
  }

  close(): void {
    this.#tests?.close();
    this.#tests = undefined;
    if (this.#practiceTree && this.#practiceTree.root !== workshop.exercises) this.#practiceTree.dispose();
    this.#practiceTree = undefined;
  }

  #inPlace(): boolean {
    return resolve(this.options.source) === workshop.exercises;
  }

  /**
   * The one tree of a practice session: the learner's folder itself when it is the workshop's exercises/,
   * otherwise a copy refreshed before every run at the same place, so the warm test process keeps pointing at it.
   */
  #practiceTreeFor(exercises: Exercise[], snapshot: CodeSnapshot, given: GivenContent): GradingTree {
    if (this.#inPlace()) {
      this.#practiceTree ??= treeInPlace(workshop.exercises);
      return this.#practiceTree;
    }
    this.#practiceTree = writeTree(snapshot, exercises, this.options.curriculum, given, this.#practiceTree?.root);
    return this.#practiceTree;
  }

  #practiceTests(tree: GradingTree): TestProcess {
    this.#tests ??= new TestProcess(this.#setup(tree));
    return this.#tests;
  }

  /**
   * A test process of its own for one exercise of a graded run: it serves the tests as they were read, hidden
   * ones included, and (sandboxed) judges the learner's code across the boundary, with vite's cache in its own
   * temporary folder.
   */
  #gradedTests(exercise: Exercise, tree: GradingTree, trusted: TrustedFiles, protection: Protection): TestProcess {
    const trustedSources = Object.fromEntries(trusted.tests(exercise, true));
    const hiddenFiles = exercise.files.hidden.map((name) => join(exercise.dir, name));
    const sandboxed = protection === "sandboxed";
    return new TestProcess({
      ...this.#setup(tree),
      trustedSources,
      graded: true,
      ...(sandboxed ? { acrossBoundary: true, cacheDir: "/tmp/vite", hiddenFiles } : {}),
    });
  }

  #setup(tree: GradingTree) {
    const limit = this.options.timeLimitSeconds;
    return {
      exercisesDir: workshop.exercises,
      target: tree.root,
      targetEnv: TARGET_ENV,
      learnerRoot: tree.root,
      // A stuck promise is named by vitest's own timeout, well before the exercise's limit (half of `--timeout`).
      testTimeoutMs: Math.min(10_000, ((limit ?? Number.POSITIVE_INFINITY) * 1000) / 2),
    };
  }

  #typeWarnings(exercises: Exercise[], tree: GradingTree): Promise<Map<string, string[]>> {
    const files = withUsed(exercises, this.options.curriculum)
      .filter((exercise) => exercises.includes(exercise))
      .flatMap((exercise) => learnerCode(tree.root, exercise).map((file) => join(tree.root, exercise.id, file)));
    return typeWarnings(files, tree.shown);
  }
}

/** Warnings keyed by the files of one tree, re-keyed by the same files in another. */
function inTree(byPath: Map<string, string[]>, from: GradingTree, to: GradingTree): Map<string, string[]> {
  if (from === to) return byPath;
  return new Map([...byPath].map(([file, warnings]) => [join(to.root, file.slice(from.root.length + 1)), warnings]));
}
