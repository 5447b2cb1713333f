import type { ExerciseResult, GradeReport, TestResult } from "../result.ts";
import { plainText } from "../text/plain-text.ts";
import { formatLocation, reasonLabel, speedupSentence } from "./wording.ts";

/**
 * The grade report as JUnit XML, the test report most CI systems show: one <testsuite> per exercise, one
 * <testcase> per test. An exercise can fail with every test passing (a forgotten promise, a failed speedup,
 * a modified test file with --ci), and can time out or crash: its verdict then gets a <testcase> of its own,
 * named "verdict", so a CI that only counts test cases still shows it red. Timed-out, crashed and
 * inconclusive exercises are errors (the grading could not finish or decide), not failures.
 */
export function toJUnit(report: GradeReport, executionMs: number): string {
  const suites = report.exercises.map((result) => toSuite(result, report.run));
  const count = (key: keyof Counts) => suites.reduce((sum, suite) => sum + suite.counts[key], 0);
  const attributes = {
    name: `pnpm grade (${report.target})`,
    tests: count("tests"),
    failures: count("failures"),
    errors: count("errors"),
    skipped: count("skipped"),
    time: seconds(executionMs),
  };
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<testsuites${attrs(attributes)}>`,
    ...suites.map((suite) => suite.xml),
    "</testsuites>",
    "",
  ].join("\n");
}

interface Counts {
  tests: number;
  failures: number;
  errors: number;
  skipped: number;
}

interface Case {
  name: string;
  timeMs: number;
  /** The child element that says why: <failure>, <error> or <skipped>; absent when it passed. */
  outcome?: { element: "failure" | "error" | "skipped"; type: string; message: string; details: string };
}

/**
 * One exercise's suite. Its properties hold the verdict and points, the speedup, and the course's inconclusive
 * policy: JUnit has no properties for a whole run, and the policy explains the points of an inconclusive suite.
 */
function toSuite(result: ExerciseResult, run: GradeReport["run"]): { xml: string; counts: Counts } {
  const cases = result.tests.map(testCase);
  // A hidden test keeps its name; its message is only for the instructor's reports that set visibility apart.
  const verdict = verdictCase(result, cases);
  if (verdict) cases.push(verdict);
  const counts: Counts = {
    tests: cases.length,
    failures: cases.filter((c) => c.outcome?.element === "failure").length,
    errors: cases.filter((c) => c.outcome?.element === "error").length,
    skipped: cases.filter((c) => c.outcome?.element === "skipped").length,
  };
  const properties: Record<string, string | number> = {
    title: result.title,
    status: result.status,
    reason: reasonLabel(result.reason, result.speedup),
    points: result.points,
    maxPoints: result.maxPoints,
  };
  if (result.review) properties.review = result.review;
  if (result.speedup?.measured !== undefined) properties["speedup.measured"] = result.speedup.measured;
  if (result.speedup) properties["speedup.required"] = result.speedup.required;
  if (result.speedup) properties["speedup.verdict"] = result.speedup.verdict;
  properties.inconclusivePolicy = run.inconclusivePolicy;
  if (run.protection) properties.protection = run.protection;
  const lines = [
    `  <testsuite${attrs({ name: result.id, ...counts, time: seconds(result.durationMs) })}>`,
    "    <properties>",
    ...Object.entries(properties).map(([name, value]) => `      <property${attrs({ name, value })}/>`),
    "    </properties>",
    ...cases.map((c) => caseXml(result.id, c)),
  ];
  if (result.output.trim()) lines.push(`    <system-out>${escapeText(result.output)}</system-out>`);
  if (result.warnings.length > 0) lines.push(`    <system-err>${escapeText(result.warnings.join("\n"))}</system-err>`);
  lines.push("  </testsuite>");
  return { xml: lines.join("\n"), counts };
}

function testCase(test: TestResult): Case {
  const where = test.location ? `\nat ${formatLocation(test.location)}` : "";
  const base = { name: test.hidden ? `(hidden) ${test.name}` : test.name, timeMs: test.durationMs };
  switch (test.status) {
    case "passed":
      return base;
    case "failed":
      return { ...base, outcome: outcome("failure", "failed", test.message || "failed", where) };
    case "skipped":
      return { ...base, outcome: outcome("skipped", "skipped", "skipped", "") };
    case "not-run":
      return { ...base, outcome: outcome("skipped", "not-run", "not run: the exercise stopped before this test", "") };
  }
}

/** The exercise's own verdict, when its tests alone do not show it. */
function verdictCase(result: ExerciseResult, cases: Case[]): Case | undefined {
  const base = { name: "verdict", timeMs: 0 };
  const details = [
    result.location ? `at ${formatLocation(result.location)}` : "",
    result.speedup ? speedupSentence(result.speedup) : "",
  ]
    .filter(Boolean)
    .join("\n");
  const because = (element: "failure" | "error" | "skipped") => ({
    ...base,
    outcome: outcome(element, result.status, result.message || result.status, details ? `\n${details}` : ""),
  });
  switch (result.status) {
    case "passed":
      return undefined;
    case "failed":
    case "tampered":
      return cases.some((c) => c.outcome?.element === "failure") ? undefined : because("failure");
    case "timed-out":
    case "crashed":
    case "error":
    case "inconclusive":
      return because("error");
  }
}

function outcome(element: "failure" | "error" | "skipped", type: string, message: string, where: string) {
  const firstLine = message.split("\n")[0] ?? "";
  return { element, type, message: firstLine, details: `${message}${where}` };
}

function caseXml(suite: string, c: Case): string {
  const open = `    <testcase${attrs({ name: c.name, classname: suite, time: seconds(c.timeMs) })}`;
  if (!c.outcome) return `${open}/>`;
  const { element, type, message, details } = c.outcome;
  const child =
    element === "skipped"
      ? `<skipped${attrs({ message })}/>`
      : `<${element}${attrs({ message, type })}>${escapeText(details)}</${element}>`;
  return `${open}>\n      ${child}\n    </testcase>`;
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(3);
}

function attrs(values: Record<string, string | number>): string {
  return Object.entries(values)
    .map(([key, value]) => ` ${key}="${escapeAttribute(String(value))}"`)
    .join("");
}

/** Escapes text for XML 1.0 element content, after making it plain (see plainText). */
export function escapeText(value: string): string {
  return plainText(value).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** As escapeText, for a quoted attribute value, where a parser would turn raw line ends and tabs into spaces. */
export function escapeAttribute(value: string): string {
  return escapeText(value).replace(/"/g, "&quot;").replace(/\t/g, "&#9;").replace(/\n/g, "&#10;");
}
