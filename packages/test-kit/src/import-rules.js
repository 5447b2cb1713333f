// @ts-check
// Plain JavaScript (type-checked through JSDoc), so that the grader's plain-Node test process can import it.
import { readFileSync } from "node:fs";
import { builtinModules } from "node:module";
import { join, relative, resolve, sep } from "node:path";

import { REFUSED } from "./graded-env.js";

/**
 * Where the TypeScript compiler's lowered code imports its helpers from (`await using` on Node 20 needs one): the
 * learner did not write these imports, and the helpers are plain functions of the compiler's runtime.
 */
const COMPILER_HELPERS = "@oxc-project/runtime";

export { GRADED_ENV } from "./graded-env.js";

/**
 * What the learner's code may import in a graded run: its own tree's files (its exercise, the earlier ones it
 * builds on, the given files), Node's built-ins, and the packages the exercises depend on (`@workshop/core`).
 * Not the test framework, the grader, the solutions, the hidden tests or any other file of the workshop: a
 * submission that reaches for them gets an error that names the import, and no points for that exercise.
 */
export class ImportRules {
  /** @type {string} */
  #target;
  /** @type {Set<string>} */
  #packages;
  /** @type {string[]} */
  #closed;

  /**
   * `closed`: the workshop's folders nothing may load in a graded run: the answers and the history that holds
   * them, and (where the grader's own code is not loaded through these rules, as in vitest) the grader.
   *
   * @param {string} target
   * @param {string} exercisesDir
   * @param {string[]} [closed]
   */
  constructor(target, exercisesDir, closed = ["solutions", "grader", ".git"]) {
    this.#target = resolve(target);
    const workshop = resolve(exercisesDir, "..");
    this.#closed = closed.map((folder) => `${join(workshop, folder)}${sep}`);
    /** @type {{ dependencies?: Record<string, string> }} */
    const manifest = JSON.parse(readFileSync(join(exercisesDir, "package.json"), "utf8"));
    this.#packages = new Set(Object.keys(manifest.dependencies ?? {}));
  }

  /**
   * Why loading `file` is refused, whoever asked for it; undefined when it is allowed.
   *
   * @param {string} file
   * @returns {string | undefined}
   */
  forbiddenFile(file) {
    if (!this.#closed.some((folder) => file.startsWith(folder))) return undefined;
    return `${REFUSED}: the code under test reached for ${file}, which a graded run keeps from it.`;
  }

  /**
   * Why `source`, imported by `importer` in the tree, is refused; undefined when it is allowed.
   *
   * @param {string} source
   * @param {string} importer
   * @param {string} [resolvedPath]
   * @returns {string | undefined}
   */
  refusal(source, importer, resolvedPath) {
    const shown = relative(this.#target, importer).split(sep).join("/");
    /** @param {string} what */
    const refuse = (what) =>
      `${REFUSED}: ${shown} imports ${source}, ${what}. In a graded run your code may import its own files, ` +
      `node: modules and ${[...this.#packages].join(", ")}.`;
    if (source.startsWith("node:") || builtinModules.includes(source)) return undefined;
    if (
      source.startsWith(".") ||
      source.startsWith("/") ||
      /^[a-z]:[\\/]/i.test(source) ||
      source.startsWith("file:")
    ) {
      const path = resolvedPath ?? resolve(importer, "..", source);
      return path.startsWith(`${this.#target}${sep}`) ? undefined : refuse("which lies outside your code");
    }
    const name = source.startsWith("@") ? source.split("/").slice(0, 2).join("/") : (source.split("/")[0] ?? source);
    return this.#packages.has(name) || name === COMPILER_HELPERS
      ? undefined
      : refuse("a package the exercises do not give you");
  }
}
