import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { UsageError } from "../errors.ts";
import { workshop } from "../paths.ts";
import { EXERCISE_ID } from "./exercise-schema.ts";
import type { Exercise } from "./load-curriculum.ts";

/**
 * `pnpm instructor new NN-slug --title "..."`: every file a new exercise needs (docs/instructors.md, "Adding an
 * exercise"), each a small working placeholder that says what belongs in it: the metadata, the lesson, the
 * hints, a starter with its TODO, the public and hidden tests, the reference solution, and the wrong solution
 * that proves the hidden test. Together they pass the workshop's self-check, so each can be replaced in turn.
 * Returns the files written, from the workshop's root. Refuses an id that is taken or not the next number.
 */
export function scaffoldExercise(curriculum: Exercise[], id: string, title: string, root = workshop.root): string[] {
  const match = EXERCISE_ID.exec(id);
  if (!match)
    throw new UsageError(`${id} is not an exercise id: two digits, a dash and a slug, such as 11-async-squares`);
  const number = Number(match[1]);
  const slug = match[2] as string;
  const next = curriculum.length + 1;
  if (curriculum.some((exercise) => exercise.id === id) || existsSync(join(root, "exercises", id))) {
    throw new UsageError(`${id} exists already: give the new exercise an id of its own`);
  }
  if (number !== next) {
    throw new UsageError(`${id}: the next exercise is number ${String(next).padStart(2, "0")}, not ${match[1]}`);
  }
  if (!title.trim()) throw new UsageError('give the exercise a title: --title "Async squares: an async generator"');
  const name = slug.replace(/-([a-z0-9])/g, (_, letter: string) => letter.toUpperCase());
  const file = `${slug}.ts`;
  const files: Record<string, string> = {
    [`exercises/${id}/exercise.json`]: `${JSON.stringify(
      {
        $schema: "../exercise.schema.json",
        title: title.trim(),
        points: 5,
        timeLimitSeconds: 20,
        files: { learner: [file], test: `${slug}.test.ts`, hidden: [`hidden/${slug}.test.ts`] },
        contract: { exports: { [file]: [name] } },
      },
      null,
      2,
    )}\n`,
    [`exercises/${id}/README.md`]: [
      "## Objective\n",
      "What the learner will be able to do after this exercise (replace this).\n",
      "## Explanation\n",
      "The lesson: the idea, an example, what to watch for (replace this).\n",
      "## Your task\n",
      `In \`${file}\`, write \`${name}()\` (replace this with the task).\n`,
      `Check your work with \`pnpm grade ${number}\`.\n`,
      "## Expected output\n",
      "What a correct solution prints or returns (replace this).\n",
      "## Key points\n",
      "- The ideas to take away (replace this).\n",
    ].join("\n"),
    [`exercises/${id}/hints.md`]: [
      "## Hint 1\n",
      "A nudge: where to start (replace this).\n",
      "## Hint 2\n",
      "Nearly the answer: the pattern, on another example (replace this).\n",
    ].join("\n"),
    [`exercises/${id}/${file}`]: [
      `// ${id}: the lesson is in README.md beside this file.`,
      "//",
      `// Write \`${name}()\` (replace this with the task). Check with \`pnpm grade ${number}\`.`,
      "",
      `/** What \`${name}()\` gives (replace this). */`,
      `export function ${name}(): number {`,
      "  // TODO: return the answer (replace this with what the learner is to write).",
      `  throw new Error("TODO: ${id}: write ${name}()");`,
      "}",
      "",
    ].join("\n"),
    [`exercises/${id}/${slug}.test.ts`]: [
      'import { describe, expect, it } from "vitest";',
      `import { ${name} } from "./${file}";`,
      "",
      `describe("${name}()", () => {`,
      '  it("gives the answer (replace this test)", () => {',
      `    expect(${name}()).toBe(42);`,
      "  });",
      "});",
      "",
    ].join("\n"),
    [`exercises/${id}/hidden/${slug}.test.ts`]: [
      "// Hidden: what the public test does not show (replace this test and say what it catches).",
      'import { describe, expect, it } from "vitest";',
      `import { ${name} } from "../${file}";`,
      "",
      `describe("${name}(), hidden", () => {`,
      '  it("gives the answer every time it is called", () => {',
      `    ${name}();`,
      `    expect(${name}()).toBe(42);`,
      "  });",
      "});",
      "",
    ].join("\n"),
    [`solutions/${id}/${file}`]: [
      `// ${id}: the lesson is in exercises/${id}/README.md.`,
      "",
      `/** What \`${name}()\` gives (replace this). */`,
      `export function ${name}(): number {`,
      "  // The answer, and why (replace this with the solution, explained).",
      "  return 42;",
      "}",
      "",
    ].join("\n"),
    [`grader/test/fixtures/hidden/${id}/${file}`]: [
      "// Fixture: right the first time only, which the hidden test catches (replace this with the mistake).",
      "let calls = 0;",
      "",
      `export function ${name}(): number {`,
      "  calls += 1;",
      "  return calls === 1 ? 42 : 0;",
      "}",
      "",
    ].join("\n"),
  };
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return Object.keys(files);
}
