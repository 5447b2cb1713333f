import type { ExerciseResult, GradeReport, Reason, SpeedupReport, SubmissionInfo, TestResult } from "../result.ts";
import { plainText } from "./plain-text.ts";
import { formatLocation, inconclusiveNote, reasonLabel, speedupSentence } from "./wording.ts";

export const GRADESCOPE_VISIBILITIES = ["visible", "after_due_date", "after_published", "hidden"] as const;
export type GradescopeVisibility = (typeof GRADESCOPE_VISIBILITIES)[number];
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

const TEST_MARK: Record<TestResult["status"], string> = { passed: "✓", failed: "✗", skipped: "-", "not-run": "·" };
/** Enough of a learner's output to see what went wrong, in a box a learner reads on a web page. */
const OUTPUT_LINES = 40;

/**
 * The grade report as Gradescope's results.json. Everything is plain text (shown in a <pre>), so a learner's
 * output cannot inject markup; colour codes and control characters are removed. A hidden test's message
 * appears only in its own entry, whose visibility the instructor sets apart.
 */
export function toGradescope(
  report: GradeReport,
  executionMs: number,
  settings: GradescopeSettings,
): GradescopeResults {
  const speedups: Record<string, SpeedupReport> = {};
  for (const result of report.exercises) if (result.speedup) speedups[result.id] = result.speedup;
  const { passed, total, score, maxScore } = report.summary;
  return {
    score,
    execution_time: Math.round(executionMs / 1000),
    output: `${passed}/${total} exercises passed: ${score}/${maxScore} points.${overallNote(report)}`,
    output_format: "text",
    test_output_format: "text",
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

function overallNote(report: GradeReport): string {
  const retry = report.exercises.filter((e) => e.status === "inconclusive").map((e) => e.id);
  if (retry.length === 0) return "";
  return `\n${inconclusiveNote(retry, report.run.inconclusivePolicy)}`;
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
    status: result.status === "passed" ? "passed" : "failed",
    name: `${result.id}: ${result.title}`,
    number: String(result.number),
    output: plainText(testOutput(result)),
    visibility: settings.visibility,
    extra_data: extra,
  };
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
      output: plainText([test.message, test.diff ?? ""].filter(Boolean).join("\n\n") || test.status),
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

/** What the terminal's details say, without colour: verdict, message, location, speedup, tests, output. */
function testOutput(result: ExerciseResult): string {
  const seconds = (result.durationMs / 1000).toFixed(1);
  const lines = [`${result.status} · ${result.points}/${result.maxPoints} points · ${seconds} s`];
  if (result.message) lines.push("", result.message);
  if (result.location) lines.push(`at ${formatLocation(result.location)}`);
  if (result.diff) lines.push("", result.diff);
  if (result.speedup) lines.push("", speedupSentence(result.speedup));
  if (result.review) lines.push("", `for review: ${result.review}`);
  const publicTests = result.tests.filter((test) => !test.hidden);
  if (publicTests.length > 0) {
    lines.push("", "tests:");
    for (const test of publicTests) {
      const why = test.status === "failed" && test.message ? `: ${test.message.split("\n")[0]}` : "";
      lines.push(`  ${TEST_MARK[test.status]} ${test.name}${why}`);
    }
  }
  const hidden = result.tests.filter((test) => test.hidden);
  if (hidden.length > 0) {
    const passed = hidden.filter((test) => test.status === "passed").length;
    lines.push("", `hidden tests: ${passed} of ${hidden.length} passed (their code and inputs stay hidden)`);
  }
  for (const warning of result.warnings) lines.push(`warning: ${warning}`);
  if (result.output.trim()) {
    const output = result.output.trimEnd().split("\n");
    const more = output.length > OUTPUT_LINES ? [`… ${output.length - OUTPUT_LINES} more lines`] : [];
    lines.push("", "your code printed:", ...output.slice(0, OUTPUT_LINES).map((line) => `  ${line}`), ...more);
  }
  if (result.status !== "passed") {
    lines.push(
      "",
      `next: run \`pnpm grade ${result.number}\` in your copy of the workshop; \`pnpm grade hint ${result.number}\` helps`,
    );
  }
  return lines.join("\n");
}
