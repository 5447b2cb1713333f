import type { Exercise } from "../curriculum/load-curriculum.ts";
import type { ExerciseStatus, Reason, SubmissionInfo } from "../result.ts";
import type { ClassResults } from "./class-results.ts";
import type { NotGraded } from "./class-submissions.ts";
import { lateBy } from "./due-date.ts";
import { instructorSentence } from "./instructor-wording.ts";
import type { LearnerResult } from "./learner-result.ts";
import type { SimilarityReport } from "./similarity/similarity-report.ts";

/**
 * What an instructor needs to know of a class, computed once from its results: the learner x exercise table with
 * a reason in every cell, pass rates per exercise, the measured speedups, what to regrade, what each learner
 * needs, and who is late. The terminal table, the CSV and the HTML report (class-html.ts) all render this; a
 * browser view can too. Pure: no files, no clock.
 */
export interface ClassReport {
  /** The exercises some learner's result graded: the curriculum's (in order), then any only the results name. */
  exercises: ExerciseColumn[];
  learners: LearnerRow[];
  /** The most points a learner could have, when every learner was graded on the same exercises. */
  maxScore?: number;
  /** The due date the lateness is judged against, as an ISO date, when one was given or recorded. */
  due?: string;
  /** The zone every time is shown in (the course's). */
  timeZone: string;
  /** Every inconclusive cell: grade these again. */
  toRegrade: { learner: string; exercise: string }[];
  /** Submissions the batch could not grade (no result), and files that are not results. */
  notGraded: NotGraded[];
  problems: string[];
  /** Whose code is alike, per exercise (similarity/), when the graded code was there to compare. */
  similarity?: SimilarityReport;
}

/** An exercise of the class. */
export interface ExerciseColumn {
  id: string;
  title: string;
  maxPoints: number;
  /** Whether its parallel speedup is measured. */
  speedup: boolean;
  /** Learners whose result graded it, of them those who passed, and those whose speedup is inconclusive. */
  graded: number;
  passed: number;
  inconclusive: number;
  /**
   * (passed + inconclusive) / graded: an inconclusive speedup passed its tests and its structure, and only the
   * timing is owed, so it is no failure. Learners whose result did not grade it do not count.
   */
  passRate: number;
  /** Every measured speedup of it, with whose it is and its verdict: the distribution to plot. */
  speedups: { learner: string; measured: number; required: number; verdict: string }[];
}

/** One learner's row. */
export interface LearnerRow {
  learner: string;
  format: LearnerResult["format"];
  score: number;
  /** Out of the exercises their result graded: never out of exercises nobody asked of them. */
  maxScore: number;
  /** One per column, in the columns' order. */
  cells: Cell[];
  submission?: SubmissionInfo;
  provenance?: Provenance;
  /** Against the due date: `on-time`, `late` (with by how much), or `unknown` (no submission time known). */
  timeliness?: { status: "on-time" | "late" | "unknown"; by?: string; submittedAt?: string; source?: string };
  /** How many gradings went into the result (1, plus one per regrade). */
  gradings: number;
  /**
   * Per exercise not passed, in the columns' order: the verdict in a few words, what it means to the instructor,
   * and the message the learner was given.
   */
  feedback: { exercise: string; title: string; label: string; instructor: string; message: string }[];
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

export interface ClassReportOptions {
  /** ISO: overrides the due date recorded in the batch's record or the results. */
  due?: string;
  /** The zone times are shown in. */
  timeZone: string;
}

/** The class report of `loaded`, against the curriculum. */
export function buildClassReport(
  curriculum: Exercise[],
  loaded: ClassResults,
  options: ClassReportOptions,
): ClassReport {
  const columns = exerciseColumns(curriculum, loaded.results);
  const recordedDue = loaded.due ?? loaded.results.find((result) => result.submission?.due)?.submission?.due;
  const dueDate = options.due ?? recordedDue;
  const learners = loaded.results.map((result) => learnerRow(result, columns, dueDate));
  for (const [index, column] of columns.entries()) {
    const cells = learners.map((row) => row.cells[index] as Cell);
    column.graded = cells.filter((cell) => cell.graded).length;
    column.passed = cells.filter((cell) => cell.status === "passed").length;
    column.inconclusive = cells.filter((cell) => cell.status === "inconclusive").length;
    column.passRate = column.graded === 0 ? 0 : (column.passed + column.inconclusive) / column.graded;
    column.speedups = learners.flatMap((row) => {
      const cell = row.cells[index] as Cell;
      const result = loaded.results.find((r) => r.learner === row.learner);
      const speedup = result?.exercises.find((e) => e.id === column.id)?.speedup;
      return cell.measured === undefined || !speedup
        ? []
        : [{ learner: row.learner, measured: cell.measured, required: speedup.required, verdict: speedup.verdict }];
    });
  }
  const totals = new Set(learners.map((row) => row.maxScore));
  const report: ClassReport = {
    exercises: columns,
    learners,
    timeZone: options.timeZone,
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
  if (totals.size === 1) report.maxScore = [...totals][0] as number;
  if (dueDate) report.due = dueDate;
  return report;
}

/** The columns: every exercise some result graded, the curriculum's in its order, then any only results name. */
function exerciseColumns(curriculum: Exercise[], results: LearnerResult[]): ExerciseColumn[] {
  const column = (id: string, title: string, maxPoints: number, speedup: boolean): ExerciseColumn => ({
    id,
    title,
    maxPoints,
    speedup,
    graded: 0,
    passed: 0,
    inconclusive: 0,
    passRate: 0,
    speedups: [],
  });
  const graded = new Set(results.flatMap((result) => result.exercises.map((e) => e.id)));
  const columns = curriculum
    .filter((e) => graded.has(e.id))
    .map((e) => column(e.id, e.title, e.points, e.contract.speedup !== undefined));
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
    maxScore: result.exercises.reduce((sum, e) => sum + e.maxPoints, 0),
    cells,
    gradings: result.gradings,
    feedback: result.exercises
      .filter((e) => e.status !== "passed")
      .map((e) => ({
        exercise: e.id,
        title: e.title,
        label: e.label,
        instructor: instructorSentence(e, result.run?.inconclusivePolicy),
        message: e.message,
      })),
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
