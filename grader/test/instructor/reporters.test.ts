// The machine reports, checked against what their readers publish: Gradescope's results.json field lists
// (its autograder specification, its texts read back by a CommonMark renderer) and JUnit XML that a strict
// XML 1.0 parser accepts. Their input is the fixture results of three learners, so every verdict is covered
// without grading anything; one real run proves the CLI wiring.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import MarkdownIt from "markdown-it";
import pc from "picocolors";
import { SaxesParser } from "saxes";
import { describe, expect, it } from "vitest";
import { loadCurriculum } from "../../src/curriculum/load-curriculum.ts";
import { workshop } from "../../src/paths.ts";
import { type GradescopeSettings, toGradescope } from "../../src/report/gradescope.ts";
import { escapeAttribute, toJUnit } from "../../src/report/junit.ts";
import { formatSummary } from "../../src/report/terminal.ts";
import type { GradeReport, InconclusivePolicy } from "../../src/result.ts";
import { plainText } from "../../src/text/plain-text.ts";
import { fixture, runGrader } from "../run-grader.ts";
import { copyWorkshop } from "../support/workshop-copy.ts";

/** The text of each paragraph, heading or list item of a Markdown text, as a CommonMark renderer shows it. */
function shown(markdown: string): string[] {
  return new MarkdownIt()
    .parse(markdown, {})
    .filter((token) => token.type === "inline")
    .map((token) =>
      (token.children ?? []).map((child) => (child.type.endsWith("break") ? "\n" : child.content)).join(""),
    );
}

const load = (learner: string) =>
  JSON.parse(readFileSync(fixture(`class-results/${learner}.json`), "utf8")) as GradeReport;
const ada = load("ada"); // every exercise passed, with speedups
const grace = load("grace"); // every other verdict, and output that needs escaping
const linus = load("linus"); // graded only 1-3
/** The same results, as a course with another inconclusive policy would have them. */
const withPolicy = (report: GradeReport, policy: InconclusivePolicy): GradeReport => ({
  ...report,
  run: { ...report.run, inconclusivePolicy: policy },
});
const byId = (report: GradeReport, id: string) => {
  const found = report.exercises.find((e) => e.id.startsWith(id));
  if (!found) throw new Error(`no ${id} in the fixture`);
  return found;
};

/** What course.json gives by default: results visible at once, hidden tests' messages after grades are published. */
const SETTINGS: GradescopeSettings = { visibility: "visible", hiddenTestVisibility: "after_published" };

// Gradescope's published fields (autograder specification, "Output format").
const TOP_LEVEL = [
  "score",
  "execution_time",
  "output",
  "output_format",
  "test_output_format",
  "test_name_format",
  "visibility",
  "stdout_visibility",
  "extra_data",
  "tests",
  "leaderboard",
];
const TEST_FIELDS = [
  "score",
  "max_score",
  "status",
  "name",
  "name_format",
  "number",
  "output",
  "output_format",
  "tags",
  "visibility",
  "extra_data",
];
const FORMATS = ["text", "html", "simple_format", "md", "ansi"];
const VISIBILITIES = ["hidden", "after_due_date", "after_published", "visible"];

describe("--reporter gradescope: results.json", () => {
  it.each([
    ["ada", ada],
    ["grace", grace],
    ["linus", linus],
  ])("uses only the published fields, with the published values (%s)", (_, report) => {
    const results = JSON.parse(JSON.stringify(toGradescope(report, 1000, SETTINGS)));
    for (const key of Object.keys(results)) expect(TOP_LEVEL, `top-level field ${key}`).toContain(key);
    for (const key of ["output_format", "test_output_format", "test_name_format"])
      expect(FORMATS).toContain(results[key]);
    for (const key of ["visibility", "stdout_visibility"]) expect(VISIBILITIES).toContain(results[key]);
    expect(typeof results.score).toBe("number");
    expect(typeof results.execution_time).toBe("number");
    expect(typeof results.output).toBe("string");
    expect(results.tests).toHaveLength(report.exercises.length);
    for (const test of results.tests) {
      for (const key of Object.keys(test)) expect(TEST_FIELDS, `test field ${key}`).toContain(key);
      expect(test).toMatchObject({
        score: expect.any(Number),
        max_score: expect.any(Number),
        name: expect.any(String),
        number: expect.any(String),
        output: expect.any(String),
      });
      expect(["passed", "failed"]).toContain(test.status);
    }
  });

  it("scores each exercise all or nothing, and the total is the report's score", () => {
    const results = toGradescope(grace, 1000, SETTINGS);
    expect(results.tests.map((t) => [t.number, t.score, t.max_score, t.status])).toEqual(
      grace.exercises.map((e) => [
        String(Number(e.id.slice(0, 2))),
        e.points,
        e.maxPoints,
        // An inconclusive speedup that kept its points passed its tests: a red mark beside full points would lie.
        e.status === "passed" || (e.status === "inconclusive" && e.points === e.maxPoints) ? "passed" : "failed",
      ]),
    );
    expect(results.tests[7]).toMatchObject({ status: "passed", score: 15, extra_data: { status: "inconclusive" } });
    // 08's speedup was inconclusive: under the default policy its points stand, flagged for review.
    expect(results.score).toBe(35);
    expect(results.tests.reduce((sum, t) => sum + t.score, 0)).toBe(35);
    expect(results.tests[7]?.extra_data.review).toMatch(/regrade to measure it/);
    expect(toGradescope(ada, 1000, SETTINGS).tests.reduce((sum, t) => sum + t.max_score, 0)).toBe(
      ada.exercises.reduce((sum, e) => sum + e.maxPoints, 0),
    );
    // Under the course's `zero` policy it has no points until it is measured: no pass to show.
    const zeroed = structuredClone(withPolicy(grace, "zero"));
    byId(zeroed, "08").points = 0;
    expect(toGradescope(zeroed, 1000, SETTINGS).tests[7]).toMatchObject({
      status: "failed",
      score: 0,
      extra_data: { status: "inconclusive" },
    });
  });

  it("words a busy machine as Gradescope's, not the learner's: there is nothing for them to close", () => {
    const busy = structuredClone(ada);
    const split = byId(busy, "08");
    if (split.speedup) split.speedup.coresGot = 1.1;
    const output = toGradescope(busy, 1000, SETTINGS).tests[7]?.output ?? "";
    expect(output).toContain("the grading machine was busy while the speedup was timed: the split got 1.1 of 2 cores");
    expect(output).toContain("That says nothing about your code.");
    expect(output).not.toMatch(/your machine|Close other programs/);
  });

  it("gives the execution time in seconds", () => {
    expect(toGradescope(ada, 61_234, SETTINGS).execution_time).toBe(61);
  });

  it("carries the measured speedups in extra_data, and each exercise's own verdict", () => {
    const results = toGradescope(ada, 1000, SETTINGS);
    expect(Object.keys(results.extra_data.speedups)).toEqual(["08-pi-split", "09-script-with-main", "10-efficiency"]);
    expect(results.extra_data.speedups["08-pi-split"]).toMatchObject({ measured: 1.84, required: 1.4, cores: 2 });
    expect(results.tests[9]?.extra_data.speedup?.overheadPerTaskUs).toBe(41.7);
    const timedOut = toGradescope(grace, 1000, SETTINGS).tests[3];
    expect(timedOut?.status).toBe("failed");
    expect(timedOut?.extra_data.status).toBe("timed-out");
  });

  it("explains each exercise in Markdown: verdict, message, tests, output, without control characters", () => {
    const results = toGradescope(grace, 1000, SETTINGS);
    expect([results.output_format, results.test_output_format, results.test_name_format]).toEqual(["md", "md", "text"]);
    const tests = results.tests;
    const fibonacci = shown(tests[2]?.output ?? "");
    expect(fibonacci[0]).toBe("failed, test failed · 0/5 points · 0.3 s");
    expect(fibonacci).toContain(
      "✗ fibonacci() > every value is the sum of the two before it: expected 3 to be 5 // Object.is equality",
    );
    expect(shown(tests[3]?.output ?? "")).toContain("· numberedPrinter() > never finishes: it keeps taking lines");
    expect(shown(tests[7]?.output ?? "")).toContain(
      "speedup 1.21x measured, 1.40x required on 2 cores, efficiency 61% (inconclusive)",
    );
    const printed = tests[4]?.output ?? "";
    expect(printed).toContain("**Your code printed**\n\n```text\nEarth      000\n");
    // biome-ignore lint/suspicious/noControlCharactersInRegex: a learner's stray control characters are the subject.
    expect(printed).not.toMatch(/[\u0000-\u0008\u001b]/);
    expect(printed).toContain("bell and a NUL: \ufffd end");
    expect(shown(tests[2]?.output ?? "")).toContain(
      "next: run pnpm grade 3 in your copy of the workshop; pnpm grade hint 3 helps",
    );
    expect(tests[0]?.output, "a passed exercise needs no next step").not.toContain("next:");
  });

  it("gives every entry the course's visibility", () => {
    const results = toGradescope(grace, 1000, { visibility: "after_due_date", hiddenTestVisibility: "hidden" });
    expect(results.visibility).toBe("after_due_date");
    expect(new Set(results.tests.map((t) => t.visibility))).toEqual(new Set(["after_due_date"]));
  });

  it("tells the learner when a speedup was inconclusive, and only then, with what the course's policy makes of it", () => {
    const [score, note] = shown(toGradescope(grace, 1000, SETTINGS).output);
    expect(score).toBe("3/10 exercises passed: 35/95 points.");
    expect(note).toMatch(/^The speedup of 08-pi-split could not be measured .* the points stand/);
    expect(shown(toGradescope(withPolicy(grace, "zero"), 1000, SETTINGS).output)[1]).toMatch(
      /08-pi-split .* earns no points .* submit again/,
    );
    expect(shown(toGradescope(ada, 1000, SETTINGS).output)).toEqual(["10/10 exercises passed: 95/95 points."]);
  });

  it("carries the course's inconclusive policy in extra_data, as the JSON report's run does", () => {
    for (const policy of ["structure", "zero"] as const) {
      const results = toGradescope(withPolicy(grace, policy), 1000, SETTINGS);
      expect(results.extra_data.run.inconclusivePolicy).toBe(policy);
    }
  });
});

/** An element of a parsed XML document: enough of a DOM to check a report's structure. */
interface Element {
  name: string;
  attributes: Record<string, string>;
  children: Element[];
  text: string;
}

/** Parses strictly (XML 1.0 well-formedness, characters included), failing on the first error. */
function parseXml(xml: string): Element {
  const parser = new SaxesParser();
  const root: Element = { name: "#document", attributes: {}, children: [], text: "" };
  const stack = [root];
  parser.on("error", (error) => {
    throw error;
  });
  parser.on("opentag", (tag) => {
    const element = { name: tag.name, attributes: tag.attributes as Record<string, string>, children: [], text: "" };
    stack.at(-1)?.children.push(element);
    stack.push(element);
  });
  parser.on("closetag", () => stack.pop());
  parser.on("text", (text) => {
    const current = stack.at(-1);
    if (current) current.text += text;
  });
  parser.write(xml).close();
  const [document] = root.children;
  if (!document) throw new Error("no root element");
  return document;
}

const children = (element: Element | undefined, name: string) => element?.children.filter((c) => c.name === name) ?? [];
const suiteOf = (xml: Element, id: string) => children(xml, "testsuite").find((s) => s.attributes.name === id);
const caseOf = (suite: Element | undefined, name: string) =>
  children(suite, "testcase").find((c) => c.attributes.name === name);

describe("--reporter junit", () => {
  it.each([
    ["ada", ada],
    ["grace", grace],
    ["linus", linus],
  ])("is well-formed XML: one testsuite per exercise, counts that match their testcases (%s)", (_, report) => {
    const xml = toJUnit(report, 2500);
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites')).toBe(true);
    const root = parseXml(xml);
    expect(root.name).toBe("testsuites");
    const suites = children(root, "testsuite");
    expect(suites.map((s) => s.attributes.name)).toEqual(report.exercises.map((e) => e.id));
    const total = { tests: 0, failures: 0, errors: 0, skipped: 0 };
    for (const suite of suites) {
      const cases = children(suite, "testcase");
      const having = (name: string) => cases.filter((c) => children(c, name).length > 0).length;
      const counts = {
        tests: cases.length,
        failures: having("failure"),
        errors: having("error"),
        skipped: having("skipped"),
      };
      for (const [key, value] of Object.entries(counts)) {
        expect(suite.attributes[key], `${suite.attributes.name} ${key}`).toBe(String(value));
        total[key as keyof typeof total] += value;
      }
    }
    for (const [key, value] of Object.entries(total)) expect(root.attributes[key]).toBe(String(value));
    expect(root.attributes.time).toBe("2.500");
  });

  it("shows a passed exercise as test cases without failures, with its points", () => {
    const suite = suiteOf(parseXml(toJUnit(ada, 0)), "01-integers");
    expect(children(suite, "testcase")).toHaveLength(byId(ada, "01").tests.length);
    expect(suite?.attributes).toMatchObject({ failures: "0", errors: "0", skipped: "0" });
    const properties = Object.fromEntries(
      children(children(suite, "properties")[0], "property").map((p) => [p.attributes.name, p.attributes.value]),
    );
    expect(properties).toMatchObject({ status: "passed", points: "5", maxPoints: "5" });
    const split = suiteOf(parseXml(toJUnit(ada, 0)), "08-pi-split");
    expect(children(children(split, "properties")[0], "property").map((p) => p.attributes.value)).toContain("1.84");
  });

  it("gives every suite the course's inconclusive policy as a property, beside the points it explains", () => {
    for (const policy of ["structure", "zero"] as const) {
      const suites = children(parseXml(toJUnit(withPolicy(grace, policy), 0)), "testsuite");
      for (const suite of suites) {
        const properties = children(children(suite, "properties")[0], "property");
        const value = properties.find((p) => p.attributes.name === "inconclusivePolicy")?.attributes.value;
        expect(value, suite.attributes.name).toBe(policy);
      }
    }
  });

  it("keeps a failed test's message exactly, whatever characters it holds", () => {
    const suite = suiteOf(parseXml(toJUnit(grace, 0)), "03-fibonacci");
    const failed = caseOf(suite, "fibonacci() > every value is the sum of the two before it");
    const [failure] = children(failed, "failure");
    const test = byId(grace, "03").tests[2];
    expect(failure?.attributes.message).toBe("expected 3 to be 5 // Object.is equality");
    expect(failure?.text).toBe(`${test?.message}\nat ${test?.location?.file}:28:27`);
    expect(failure?.text).toContain("+ 3 ]]> <!-- not a comment --> & &amp;");
  });

  it("turns a timed-out, crashed or inconclusive exercise into an error, and tests it never ran into skips", () => {
    const xml = parseXml(toJUnit(grace, 0));
    for (const [id, type] of [
      ["04-line-numbers", "timed-out"],
      ["07-pi-in-a-thread", "crashed"],
      ["08-pi-split", "inconclusive"],
    ]) {
      const [error] = children(caseOf(suiteOf(xml, id as string), "verdict"), "error");
      expect(error?.attributes.type, id).toBe(type);
    }
    const lineNumbers = suiteOf(xml, "04-line-numbers");
    expect(lineNumbers?.attributes).toMatchObject({ tests: "9", errors: "1", skipped: "6", failures: "0" });
  });

  it("fails an exercise whose tests all passed but whose verdict did not, with a test case of its own", () => {
    const xml = parseXml(toJUnit(grace, 0));
    const [unhandled] = children(caseOf(suiteOf(xml, "05-gather-counters"), "verdict"), "failure");
    expect(unhandled?.attributes.message).toMatch(/a promise was left unhandled/);
    const [syntax] = children(caseOf(suiteOf(xml, "10-efficiency"), "verdict"), "failure");
    expect(syntax?.text).toMatch(/syntax error .*\nat .*efficiency\.ts:14:3$/);
    expect(caseOf(suiteOf(xml, "03-fibonacci"), "verdict"), "a failing test already shows it").toBeUndefined();
  });

  it("puts the learner's output in system-out, control characters replaced, and warnings in system-err", () => {
    const xml = parseXml(toJUnit(grace, 0));
    const [out] = children(suiteOf(xml, "05-gather-counters"), "system-out");
    expect(out?.text).toBe(plainText(byId(grace, "05").output));
    expect(out?.text).toBe("Earth      000\nMoon       000\ufffd\nbell and a NUL: \ufffd end\n");
    const [err] = children(suiteOf(xml, "06-async-timer"), "system-err");
    expect(err?.text).toMatch(/^type error at .*async-timer\.ts:12:7/);
  });

  it("escapes attribute values so that line ends, tabs and quotes survive parsing", () => {
    const value = "a \"quoted\" <tag> & 'x'\n\tindented\r\nline";
    const parsed = parseXml(`<a v="${escapeAttribute(value)}"/>`);
    expect(parsed.attributes.v).toBe("a \"quoted\" <tag> & 'x'\n\tindented\nline");
  });
});

describe("the reporters from the command line", () => {
  it("writes Gradescope's results.json alone on stdout for a real grading run", async () => {
    const run = await runGrader(["--solutions", "1", "--reporter", "gradescope"]);
    expect(run.exitCode, run.stderr).toBe(0);
    const results = JSON.parse(run.stdout);
    expect(results).toMatchObject({
      score: 5,
      tests: [{ name: expect.stringMatching(/^01-integers: /), status: "passed" }],
    });
    expect(shown(results.tests[0].output)[0]).toMatch(/^passed · 5\/5 points/);
  });

  it("shows the inconclusive policy that course.json chose, in the JSON run and in every machine report", async () => {
    const defaults = await runGrader(["--solutions", "1", "--json"]);
    expect((JSON.parse(defaults.stdout) as GradeReport).run.inconclusivePolicy, "without course.json").toBe(
      "structure",
    );
    const copy = copyWorkshop();
    writeFileSync(join(copy, "course.json"), JSON.stringify({ inconclusiveSpeedup: "zero" }));
    const bin = join(copy, "grader", "bin", "grade.js");
    const json = await runGrader(["--solutions", "1", "--json"], {}, bin);
    expect((JSON.parse(json.stdout) as GradeReport).run.inconclusivePolicy).toBe("zero");
    const gradescope = await runGrader(["--solutions", "1", "--reporter", "gradescope"], {}, bin);
    expect(JSON.parse(gradescope.stdout).extra_data.run.inconclusivePolicy).toBe("zero");
    const junit = await runGrader(["--solutions", "1", "--reporter", "junit"], {}, bin);
    expect(junit.stdout).toContain('<property name="inconclusivePolicy" value="zero"/>');
  });

  it("refuses --out without a machine reporter, and --json with another reporter, before grading", async () => {
    const out = await runGrader(["--out", "results.json", "1"]);
    expect(out.exitCode).toBe(2);
    expect(out.stderr).toMatch(/--reporter json, gradescope, junit or markdown/);
    const both = await runGrader(["--json", "--reporter", "junit", "1"]);
    expect(both.exitCode).toBe(2);
  });
});

describe("the terminal's summary", () => {
  const curriculum = loadCurriculum(workshop.exercises);
  const plain = pc.createColors(false);
  /** ada's report with her 08 measured while the split got `coresGot` of the 2 cores. */
  const withCoresGot = (coresGot: number): GradeReport => {
    const report = structuredClone(ada);
    const split = byId(report, "08");
    if (split.speedup) split.speedup.coresGot = coresGot;
    return report;
  };

  it("says when a speedup passed on a busy machine, whose times the README's expected output does not match", () => {
    const summary = formatSummary(withCoresGot(1.1), curriculum, 60_000, plain);
    expect(summary).toContain("08: your machine was busy while the speedup was timed: the split got 1.1 of 2 cores");
  });

  it("says nothing of the kind when the split got its cores", () => {
    expect(formatSummary(withCoresGot(1.9), curriculum, 60_000, plain)).not.toMatch(/busy/);
  });
});
