import type { ExerciseResult, GradeReport, SpeedupReport, TestResult } from "../result.ts";
import { formatLocation } from "./format.ts";
import { describeSpeedup, plainText } from "./plain-text.ts";

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
  extra_data: { schemaVersion: number; target: string; speedups: Record<string, SpeedupReport> };
  tests: GradescopeTest[];
}

/** One Gradescope test case per exercise: the exercise's points are all or nothing, as in every report. */
export interface GradescopeTest {
  score: number;
  max_score: number;
  status: "passed" | "failed";
  name: string;
  /** The exercise's number, as Gradescope numbers test cases ("1.1" style strings). */
  number: string;
  output: string;
  /** The grader's own verdict (`timed-out`, `inconclusive`, ...), which Gradescope's status cannot hold. */
  extra_data: { status: ExerciseResult["status"]; durationMs: number; speedup?: SpeedupReport };
}

type GradescopeFormat = "text" | "html" | "simple_format" | "md" | "ansi";
type GradescopeVisibility = "hidden" | "after_due_date" | "after_published" | "visible";

const TEST_MARK: Record<TestResult["status"], string> = { passed: "✓", failed: "✗", skipped: "-", "not-run": "·" };
/** Enough of a learner's output to see what went wrong, in a box a learner reads on a web page. */
const OUTPUT_LINES = 40;

/**
 * The grade report as Gradescope's results.json. Everything is plain text (shown in a <pre>), so a learner's
 * output cannot inject markup; colour codes and control characters are removed. Results are visible to the
 * learner at once: the workshop is formative, and an instructor who wants them hidden until the due date says
 * so in the assignment's settings on Gradescope.
 */
export function toGradescope(report: GradeReport, executionMs: number): GradescopeResults {
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
    visibility: "visible",
    // The autograder's stdout is the grader's terminal report: for the instructor, who sees it anyway.
    stdout_visibility: "hidden",
    extra_data: { schemaVersion: report.version, target: report.target, speedups },
    tests: report.exercises.map(toTest),
  };
}

function overallNote(report: GradeReport): string {
  const retry = report.exercises.filter((e) => e.status === "inconclusive").map((e) => e.id);
  if (retry.length === 0) return "";
  return (
    `\nThe speedup of ${retry.join(", ")} could not be measured on a busy grading machine: that says nothing ` +
    "about your code. Submit again, or ask your instructor to regrade."
  );
}

function toTest(result: ExerciseResult): GradescopeTest {
  const extra: GradescopeTest["extra_data"] = { status: result.status, durationMs: result.durationMs };
  if (result.speedup) extra.speedup = result.speedup;
  return {
    score: result.points,
    max_score: result.maxPoints,
    status: result.status === "passed" ? "passed" : "failed",
    name: `${result.id}: ${result.title}`,
    number: String(Number.parseInt(result.id, 10)),
    output: plainText(testOutput(result)),
    extra_data: extra,
  };
}

/** What the terminal's details say, without colour: verdict, message, location, speedup, tests, output. */
function testOutput(result: ExerciseResult): string {
  const seconds = (result.durationMs / 1000).toFixed(1);
  const lines = [`${result.status} · ${result.points}/${result.maxPoints} points · ${seconds} s`];
  if (result.message) lines.push("", result.message);
  if (result.location) lines.push(`at ${formatLocation(result.location)}`);
  if (result.speedup) lines.push("", describeSpeedup(result.speedup));
  if (result.tests.length > 0) {
    lines.push("", "tests:");
    for (const test of result.tests) {
      const why = test.status === "failed" && test.message ? `: ${test.message.split("\n")[0]}` : "";
      lines.push(`  ${TEST_MARK[test.status]} ${test.name}${why}`);
    }
  }
  for (const warning of result.warnings) lines.push(`warning: ${warning}`);
  if (result.output.trim()) {
    const output = result.output.trimEnd().split("\n");
    const more = output.length > OUTPUT_LINES ? [`… ${output.length - OUTPUT_LINES} more lines`] : [];
    lines.push("", "your code printed:", ...output.slice(0, OUTPUT_LINES).map((line) => `  ${line}`), ...more);
  }
  if (result.status !== "passed") {
    const number = Number.parseInt(result.id, 10);
    lines.push(
      "",
      `next: run \`pnpm grade ${number}\` in your copy of the workshop; \`pnpm grade --hint ${number}\` helps`,
    );
  }
  return lines.join("\n");
}
