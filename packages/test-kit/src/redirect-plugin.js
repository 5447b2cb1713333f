// @ts-check
// Plain JavaScript (type-checked through JSDoc), so that the grader's plain-Node test process can import it.
/** @import { Plugin } from "vitest/config" */
import { readFileSync } from "node:fs";
import { dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import { givenFiles } from "./given-files.js";
import { ImportRules } from "./import-rules.js";

/** The id of a learner's module that a test imports across the boundary (see learner-module.js). */
const ACROSS_BOUNDARY = "\0workshop-learner:";

/**
 * Lets one test file serve every tree: a test in `exercises/NN-slug/` imports `./code.ts`, and this plugin
 * resolves that import to `<target>/NN-slug/code.ts`. The tests are written once, next to the starter a learner
 * reads, and prove the solutions and grade any learner's copy without being copied.
 *
 * - A test's relative import of any exercise's code (`./code.ts`, `../01-integers/integers.ts`, or from a
 *   hidden test in `NN-slug/hidden/`) goes to the same file in the target.
 * - In a graded run, the target's code may import only what ImportRules allows.
 * - Where the judge runs the learner's code in a process of its own (`acrossBoundary`), a test's import of the
 *   target's code is a module of proxies to that process: the code never runs beside the tests.
 * - The target's own imports are its own, with two exceptions: its package imports (`@workshop/core`) resolve
 *   as from `exercises/`, which has the node_modules, and the files an exercise gives (`files.given`) are the
 *   workshop's, wherever the target's copy is or is not.
 *
 * @param {string} exercisesDir
 * @param {string} targetDir
 * @param {boolean} [graded]
 * @param {boolean} [acrossBoundary]
 * @returns {Plugin}
 */
export function redirectExerciseImports(exercisesDir, targetDir, graded = false, acrossBoundary = false) {
  const exercises = resolve(exercisesDir);
  const target = resolve(targetDir);
  const rules = graded ? new ImportRules(target, exercises) : undefined;
  const given = givenFiles(exercises);
  /** @type {(folder: string, path: string) => boolean} */
  const inside = (folder, path) => path.startsWith(`${folder}${sep}`);
  /**
   * A module id as a path of this system, without its query: vite gives ids with `/` on every system
   * (`C:/work/exercises/...` on Windows), while `resolve` gives the folders above with `\` there.
   *
   * @param {string} id
   */
  const pathOf = (id) => {
    const path = id.split("?")[0] ?? id;
    return isAbsolute(path) ? resolve(path) : path;
  };
  /**
   * `NN-slug/file.ts` for a path in the target, when it is a given file.
   *
   * @param {string} path
   */
  const givenPath = (path) => {
    const fromTarget = relative(target, path).split(sep).join("/");
    return given.has(fromTarget) ? fromTarget : undefined;
  };
  return {
    name: "workshop:redirect-exercise-imports",
    enforce: "pre",
    async resolveId(source, importer, options) {
      // The used exercises' modules that a module of proxies imports (learner-module.js) are named already.
      if (source.startsWith(ACROSS_BOUNDARY)) return source;
      if (target === exercises || !importer) return null;
      const importerPath = pathOf(importer);
      const relativeImport = source.startsWith(".");
      if (inside(target, importerPath)) {
        const internal = source.startsWith("\0") || source.startsWith("/@") || source.startsWith("virtual:");
        const refusal = internal ? undefined : rules?.refusal(source, importerPath);
        if (refusal) throw new Error(refusal);
        if (relativeImport) {
          const wanted = resolve(dirname(importerPath), source);
          return givenPath(wanted) ? wanted : null;
        }
        // A tree outside the workshop (a learner's submission in a temporary folder) has no node_modules of its
        // own: its package imports resolve as they would from exercises/.
        if (source.startsWith("/") || source.startsWith("\0") || /^[a-z]+:/i.test(source)) return null;
        return this.resolve(source, join(exercises, "package.json"), { ...options, skipSelf: true });
      }
      if (!relativeImport || !/\.test\.ts$/.test(importerPath) || !inside(exercises, importerPath)) return null;
      const wanted = resolve(dirname(importerPath), source);
      const [exercise, ...rest] = relative(exercises, wanted).split(sep);
      if (!exercise || !/^\d{2}-/.test(exercise) || rest.length === 0 || rest[0] === "hidden") return null;
      if (wanted.endsWith(".test.ts")) return null;
      // A missing file is redirected all the same, so the error names the file the learner must create.
      const redirected = join(target, exercise, ...rest);
      return acrossBoundary ? `${ACROSS_BOUNDARY}${redirected}` : redirected;
    },
    async load(id) {
      if (id.startsWith(ACROSS_BOUNDARY)) {
        // Loaded here, not at the top: it brings a parser that a practice run's test process need not load.
        const { learnerModuleSource } = await import("./learner-module.js");
        return learnerModuleSource(id.slice(ACROSS_BOUNDARY.length), exercises, ACROSS_BOUNDARY);
      }
      const path = pathOf(id);
      // A dynamic import reaches vite without its importer; what it loads is checked here instead.
      const refusal = rules?.forbiddenFile(path);
      if (refusal) throw new Error(refusal);
      if (target === exercises) return null;
      const shipped = inside(target, path) ? givenPath(path) : undefined;
      return shipped ? readFileSync(join(exercises, shipped), "utf8") : null;
    },
  };
}
