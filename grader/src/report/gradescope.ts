import type { GradescopeVisibility } from "../course.ts";
import type { ExerciseResult, GradeReport, Reason, SpeedupReport, SubmissionInfo, TestResult } from "../result.ts";
import { plainText } from "../text/plain-text.ts";
import { exerciseMarkdown, hiddenTestMarkdown, inconclusiveNote, scoreLine, text } from "./markdown.ts";
import { reasonLabel, unprotectedNote } from "./wording.ts";

type GradescopeFormat = "text" | "html" | "simple_format" | "md" | "ansi";

/** What the instructor chose for Gradescope (course.json): when learners see their results, and hidden tests. */
export interface GradescopeSettings {
  /** The results and each exercise's test: when the learner sees them. */
  visibility: GradescopeVisibility;
  /** Each hidden test's own entry, with its message: for the instructor, and for learners at most this early. */
  hiddenTestVisibility: GradescopeVisibility;
}

/**
 * Gradescope's `results.json`, as its autograder specification publishes it: the fields this grader fills.
 * The top-level score is given explicitly (it overrides the tests' sum there, and equals it here).
 */
export interface GradescopeResults {
  score: number;
  /** Seconds. */
  execution_time: number;
  output: string;
  output_format: GradescopeFormat;
  test_output_format: GradescopeFormat;
  test_name_format: GradescopeFormat;
  visibility: GradescopeVisibility;
  stdout_visibility: GradescopeVisibility;
  extra_data: {
    schemaVersion: number;
    target: string;
    /** The run's provenance, with the course's `inconclusivePolicy`: what an inconclusive speedup is worth. */
    run: GradeReport["run"];
    speedups: Record<string, SpeedupReport>;
    /** The submission graded (`pnpm instructor grade-submission`, which run_autograder calls). */
    submission?: SubmissionInfo;
  };
  tests: GradescopeTest[];
}

/** One Gradescope test case per exercise (its points, all or nothing), and one per hidden test (no points). */
export interface GradescopeTest {
  score: number;
  max_score: number;
  status: "passed" | "failed";
  name: string;
  /** The exercise's number, as Gradescope numbers test cases ("1", "1.1" for its hidden tests). */
  number: string;
  output: string;
  visibility: GradescopeVisibility;
  /**
   * The grader's own verdict (`timed-out`, `inconclusive`, ...), which Gradescope's status cannot hold, and
   * what the class summary reads back from an exported results.json: the exercise, its reason and message.
   */
  extra_data: {
    status: ExerciseResult["status"];
    /** The exercise's reason (result.ts `Reason`); a hidden test's own status for a hidden test's entry. */
    reason: Reason | TestResult["status"];
    /** The reason as the class summary words it: `sequential split`, `syntax error`, ... */
    label?: string;
    id?: string;
    message?: string;
    durationMs: number;
    hidden?: boolean;
    speedup?: SpeedupReport;
    review?: string;
  };
}

/**
 * The grade report as Gradescope's results.json, its texts in Markdown (`md`), as the Classroom workflow's run
 * summary has them (report/markdown.ts): the diff and the learner's output in code blocks, everything the learner's
 * code can reach escaped, so that it cannot inject markup. A hidden test's message appears only in its own
 * entry, whose visibility the instructor sets apart.
 */
export function toGradescope(
  report: GradeReport,
  executionMs: number,
  settings: GradescopeSettings,
): GradescopeResults {
  const speedups: Record<string, SpeedupReport> = {};
  for (const result of report.exercises) if (result.speedup) speedups[result.id] = result.speedup;
  const { score } = report.summary;
  return {
    score,
    execution_time: Math.round(executionMs / 1000),
    output: [...unprotected(report), text(scoreLine(report)), ...inconclusiveNote(report)].join("\n\n"),
    output_format: "md",
    test_output_format: "md",
    test_name_format: "text",
    visibility: settings.visibility,
    // The autograder's stdout is the grader's terminal report: for the instructor, who sees it anyway.
    stdout_visibility: "hidden",
    extra_data: {
      schemaVersion: report.version,
      target: report.target,
      run: report.run,
      speedups,
      ...(report.submission ? { submission: report.submission } : {}),
    },
    tests: report.exercises.flatMap((result) => [toTest(result, settings), ...hiddenTests(result, settings)]),
  };
}

function unprotected(report: GradeReport): string[] {
  const note = unprotectedNote(report.run);
  return note ? [`**${text(note)}**`] : [];
}

function toTest(result: ExerciseResult, settings: GradescopeSettings): GradescopeTest {
  const extra: GradescopeTest["extra_data"] = {
    id: result.id,
    status: result.status,
    reason: result.reason,
    label: reasonLabel(result.reason, result.speedup),
    message: plainText(result.message),
    durationMs: result.durationMs,
  };
  if (result.speedup) extra.speedup = result.speedup;
  if (result.review) extra.review = result.review;
  return {
    score: result.points,
    max_score: result.maxPoints,
    status: gradescopeStatus(result),
    name: `${result.id}: ${result.title}`,
    number: String(result.number),
    output: exerciseMarkdown(result),
    visibility: settings.visibility,
    extra_data: extra,
  };
}

/**
 * Gradescope's mark for an exercise: passed or failed, nothing between. An inconclusive speedup that keeps its
 * points (the course's `structure` policy) is a pass there: its tests passed, its split is parallel, and a red
 * mark beside full points would tell the learner something is wrong with their code. Its output says what is owed.
 */
function gradescopeStatus(result: ExerciseResult): GradescopeTest["status"] {
  if (result.status === "passed") return "passed";
  return result.status === "inconclusive" && result.points === result.maxPoints ? "passed" : "failed";
}

/** Each hidden test's entry: worth nothing by itself (the exercise's entry holds the points), with its message. */
function hiddenTests(result: ExerciseResult, settings: GradescopeSettings): GradescopeTest[] {
  return result.tests
    .filter((test) => test.hidden)
    .map((test, index) => ({
      score: 0,
      max_score: 0,
      status: test.status === "passed" ? "passed" : "failed",
      name: `${result.id} (hidden): ${test.name}`,
      number: `${result.number}.${index + 1}`,
      output: hiddenTestMarkdown(test),
      visibility: settings.hiddenTestVisibility,
      extra_data: {
        id: result.id,
        status: result.status,
        reason: test.status,
        durationMs: test.durationMs,
        hidden: true,
      },
    }));
}
