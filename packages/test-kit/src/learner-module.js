// @ts-check
// Plain JavaScript (type-checked through JSDoc), so that the grader's plain-Node test process can import it.
import { readFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { LEARNER_MODULE_MARK } from "@workshop/sandbox/in-test";
// oxc's parser as rolldown carries it: vite, in the same process, has loaded it already.
import { parseSync } from "rolldown/utils";

const inTest = fileURLToPath(import.meta.resolve("@workshop/sandbox/in-test"));

/**
 * The source of the module a test imports in place of a learner's file, when the learner's code runs in a
 * process of its own: the file is loaded there, and each export is a proxy of it (or a copy, for data). The
 * export names come from the file's syntax (the grader reads them the same way to name a missing export).
 *
 * It imports the earlier exercises' files that this one uses as the test sees them: a test's `vi.mock` of one
 * applies there, and is passed on to the learner's process (in-test.js).
 *
 * @param {string} file A learner's file in the tree: `<tree>/NN-slug/name.ts`.
 * @param {string} exercisesDir
 * @param {string} prefix The id prefix of these modules, for the imports of the used exercises' files.
 */
export function learnerModuleSource(file, exercisesDir, prefix) {
  const tree = dirname(dirname(file));
  const used = usedFiles(exercisesDir, basename(dirname(file))).map((path) => join(tree, path));
  const lines = [`import { learnerModule } from ${JSON.stringify(inTest)};`];
  used.forEach((path, index) => {
    lines.push(`import * as used${index} from ${JSON.stringify(`${prefix}${path}`)};`);
  });
  const uses = used.map((path, index) => `${JSON.stringify(path)}: used${index}`).join(", ");
  lines.push(`const learner = await learnerModule(${JSON.stringify(file)}, { ${uses} });`);
  lines.push(`export const ${LEARNER_MODULE_MARK} = true;`);
  for (const name of exportNames(file)) {
    lines.push(
      name === "default"
        ? "export default learner.default;"
        : `export const ${name} = learner[${JSON.stringify(name)}];`,
    );
  }
  return lines.join("\n");
}

/**
 * The learner's files of the exercises that `exercise` uses (its exercise.json's `uses`), as `NN-slug/file`.
 *
 * @param {string} exercisesDir
 * @param {string} exercise
 * @returns {string[]}
 */
function usedFiles(exercisesDir, exercise) {
  /** @param {string} id */
  const facts = (id) => {
    try {
      return JSON.parse(readFileSync(join(exercisesDir, id, "exercise.json"), "utf8"));
    } catch {
      return {};
    }
  };
  const uses = Array.isArray(facts(exercise).uses) ? facts(exercise).uses : [];
  return uses.flatMap((/** @type {unknown} */ id) => {
    const learner = facts(String(id)).files?.learner;
    return Array.isArray(learner) ? learner.map((name) => `${id}/${name}`) : [];
  });
}

/**
 * The names `file` exports at run time, as identifiers; none when it cannot be read (the import then fails in
 * the learner's process, with the error a learner would see).
 *
 * @param {string} file
 * @returns {string[]}
 */
function exportNames(file) {
  let text;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    return [];
  }
  const parsed = parseSync(file, text, { sourceType: "module", lang: "ts" });
  const names = parsed.module.staticExports.flatMap((statement) =>
    statement.entries.flatMap((entry) => {
      if (entry.isType) return [];
      if (entry.exportName.kind === "Default") return ["default"];
      const name = entry.exportName.name;
      return entry.exportName.kind === "Name" && name && /^[A-Za-z_$][\w$]*$/.test(name) ? [name] : [];
    }),
  );
  return [...new Set(names)].filter((name) => name !== LEARNER_MODULE_MARK);
}
