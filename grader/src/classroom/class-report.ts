import type { Exercise } from "../curriculum/load-curriculum.ts";
import type { ExerciseStatus, Reason, SubmissionInfo } from "../result.ts";
import type { ClassResults } from "./class-results.ts";
import type { NotGraded } from "./class-submissions.ts";
import { lateBy } from "./due-date.ts";
import type { LearnerResult } from "./learner-result.ts";

/**
 * What an instructor needs to know of a class, computed once from its results: the learner x exercise table with
 * a reason in every cell, pass rates per exercise, the measured speedups, what to regrade, what each learner
 * needs, and who is late. The terminal table, the CSV and the HTML report (class-html.ts) all render this; a
 * browser view can too. Pure: no files, no clock.
 */
export interface ClassReport {
  exercises: ExerciseColumn[];
  learners: LearnerRow[];
  /** The most points a learner can have: the exercises' points, summed. */
  maxScore: number;
  /** The due date the lateness is judged against, as an ISO date, when one was given or recorded. */
  due?: string;
  /** Every inconclusive cell: grade these again. */
  toRegrade: { learner: string; exercise: string }[];
  /** Submissions the batch could not grade (no result), and files that are not results. */
  notGraded: NotGraded[];
  problems: string[];
}

/** An exercise of the class: the curriculum's (in order), then any only the results name. */
export interface ExerciseColumn {
  id: string;
  title: string;
  maxPoints: number;
  /** Whether its parallel speedup is measured. */
  speedup: boolean;
  /** Learners with a result for it, and of them those who passed. */
  graded: number;
  passed: number;
  /** passed / learners in the class (an exercise a learner has no result for counts as not passed). */
  passRate: number;
  /** Every measured speedup of it, with whose it is and its verdict: the distribution to plot. */
  speedups: { learner: string; measured: number; required: number; verdict: string }[];
}

/** One learner's row. */
export interface LearnerRow {
  learner: string;
  format: LearnerResult["format"];
  score: number;
  maxScore: number;
  /** One per column, in the columns' order. */
  cells: Cell[];
  submission?: SubmissionInfo;
  provenance?: Provenance;
  /** Against the due date: `on-time`, `late` (with by how much), or `unknown` (no submission time known). */
  timeliness?: { status: "on-time" | "late" | "unknown"; by?: string; submittedAt?: string; source?: string };
  /** How many gradings went into the result (1, plus one per regrade). */
  gradings: number;
  /** What the learner needs to do, per exercise not passed, in the columns' order. */
  feedback: { exercise: string; title: string; label: string; message: string }[];
}

/** One cell: an exercise's verdict for a learner, or `graded: false` when their result does not have it. */
export interface Cell {
  exercise: string;
  graded: boolean;
  status?: ExerciseStatus;
  reason?: Reason;
  /** The reason in a few words (`syntax error`, `sequential split`), or `not graded`. */
  label: string;
  points: number;
  maxPoints: number;
  measured?: number;
  review?: string;
}

/** Where a result came from, in the few fields a reader compares across a class. */
export interface Provenance {
  gradedAt: string;
  mode: string;
  grader: string;
  workshopCommit?: string;
  treeCommit?: string;
  cores: number;
  load: { start: number; end: number };
  inconclusivePolicy: string;
}

export const NOT_GRADED_LABEL = "not graded";

/** The class report of `loaded`, against the curriculum; `due` (ISO) overrides the due date recorded in results. */
export function buildClassReport(curriculum: Exercise[], loaded: ClassResults, due?: string): ClassReport {
  const columns = exerciseColumns(curriculum, loaded.results);
  const recordedDue = loaded.results.find((result) => result.submission?.due)?.submission?.due;
  const dueDate = due ?? recordedDue;
  const learners = loaded.results.map((result) => learnerRow(result, columns, dueDate));
  const class_ = learners.length;
  for (const [index, column] of columns.entries()) {
    const cells = learners.map((row) => row.cells[index] as Cell);
    column.graded = cells.filter((cell) => cell.graded).length;
    column.passed = cells.filter((cell) => cell.status === "passed").length;
    column.passRate = class_ === 0 ? 0 : column.passed / class_;
    column.speedups = learners.flatMap((row) => {
      const cell = row.cells[index] as Cell;
      const result = loaded.results.find((r) => r.learner === row.learner);
      const speedup = result?.exercises.find((e) => e.id === column.id)?.speedup;
      return cell.measured === undefined || !speedup
        ? []
        : [{ learner: row.learner, measured: cell.measured, required: speedup.required, verdict: speedup.verdict }];
    });
  }
  const report: ClassReport = {
    exercises: columns,
    learners,
    maxScore: columns.reduce((sum, column) => sum + column.maxPoints, 0),
    toRegrade: learners.flatMap((row) =>
      row.cells
        .filter((cell) => cell.status === "inconclusive")
        .map((cell) => ({
          learner: row.learner,
          exercise: cell.exercise,
        })),
    ),
    notGraded: loaded.notGraded,
    problems: loaded.problems,
  };
  if (dueDate) report.due = dueDate;
  return report;
}

function exerciseColumns(curriculum: Exercise[], results: LearnerResult[]): ExerciseColumn[] {
  const column = (id: string, title: string, maxPoints: number, speedup: boolean): ExerciseColumn => ({
    id,
    title,
    maxPoints,
    speedup,
    graded: 0,
    passed: 0,
    passRate: 0,
    speedups: [],
  });
  const columns = curriculum.map((e) => column(e.id, e.title, e.points, e.contract.speedup !== undefined));
  for (const result of results) {
    for (const exercise of result.exercises) {
      if (!columns.some((c) => c.id === exercise.id)) {
        columns.push(column(exercise.id, exercise.title, exercise.maxPoints, exercise.speedup !== undefined));
      }
    }
  }
  return columns;
}

function learnerRow(result: LearnerResult, columns: ExerciseColumn[], due: string | undefined): LearnerRow {
  const cells = columns.map((column): Cell => {
    const exercise = result.exercises.find((e) => e.id === column.id);
    if (!exercise) {
      return { exercise: column.id, graded: false, label: NOT_GRADED_LABEL, points: 0, maxPoints: column.maxPoints };
    }
    const cell: Cell = {
      exercise: column.id,
      graded: true,
      status: exercise.status,
      reason: exercise.reason,
      label: exercise.label,
      points: exercise.points,
      maxPoints: exercise.maxPoints,
    };
    if (exercise.speedup?.measured !== undefined) cell.measured = exercise.speedup.measured;
    if (exercise.review) cell.review = exercise.review;
    return cell;
  });
  const row: LearnerRow = {
    learner: result.learner,
    format: result.format,
    score: result.exercises.reduce((sum, e) => sum + e.points, 0),
    maxScore: columns.reduce((sum, column) => sum + column.maxPoints, 0),
    cells,
    gradings: result.gradings,
    feedback: result.exercises
      .filter((e) => e.status !== "passed")
      .map((e) => ({ exercise: e.id, title: e.title, label: e.label, message: e.message })),
  };
  if (result.submission) row.submission = result.submission;
  if (result.run) {
    const { run } = result;
    row.provenance = {
      gradedAt: run.startedAt,
      mode: run.mode,
      grader: run.grader.version,
      cores: run.machine.cores,
      load: run.machine.loadAverage,
      inconclusivePolicy: run.inconclusivePolicy,
      ...(run.grader.workshopCommit ? { workshopCommit: run.grader.workshopCommit } : {}),
      ...(run.treeCommit ? { treeCommit: run.treeCommit } : {}),
    };
  }
  if (due) row.timeliness = timeliness(result, due);
  return row;
}

/**
 * On time or late, by the best time known: the submission's (Gradescope's record, or the commit's date). A
 * learner's own `--json` has only the time it was graded, which is when they ran it: that time is used, and said.
 */
function timeliness(result: LearnerResult, due: string): NonNullable<LearnerRow["timeliness"]> {
  const submittedAt = result.submission?.submittedAt ?? (result.submission ? undefined : result.run?.startedAt);
  if (!submittedAt) return { status: "unknown" };
  const source = result.submission?.submittedAtSource ?? "graded";
  const by = lateBy(submittedAt, due);
  return by ? { status: "late", by, submittedAt, source } : { status: "on-time", submittedAt, source };
}
