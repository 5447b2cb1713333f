// @ts-check
/** @import { CompilerOptions, Program } from "typescript" */
import { dirname, join, relative } from "node:path";
import { ts } from "./typescript.js";

/**
 * The compiler options of a tsconfig.json, as the type checker needs them.
 *
 * @param {string} tsconfigFile
 * @returns {CompilerOptions}
 */
export function readCompilerOptions(tsconfigFile) {
  const { config } = ts.readConfigFile(tsconfigFile, ts.sys.readFile);
  return ts.parseJsonConfigFileContent(config, ts.sys, dirname(tsconfigFile)).options;
}

/**
 * Type errors in the learner's files, as warnings by file. They do not fail an exercise: the tests define
 * what counts, and the code runs as JavaScript with its types erased (tsx, like Node's type stripping), so a
 * type error that the tests cannot see is worth a warning, not a lost grade.
 *
 * The checker keeps its last program, so re-checking after a save (watch mode) re-parses only what changed.
 */
export class TypeChecker {
  /** @type {CompilerOptions} */
  #options;
  /** @type {Program | undefined} */
  #program;
  /** @type {string} */
  #repoRoot;

  /**
   * @param {string} tsconfigFile
   * @param {string} repoRoot the workshop's root: where `@workshop/core` lives, and what paths are shown from
   */
  constructor(tsconfigFile, repoRoot) {
    this.#repoRoot = repoRoot;
    // Type roots are found from the tsconfig's folder, not from the files: a tree elsewhere (a learner's
    // submission, a fixture) still gets Node's types.
    const typeRoots = [join(dirname(tsconfigFile), "node_modules", "@types")];
    // Likewise the workshop's own packages, and ESM for every file (as vitest runs them), even in a folder
    // with no package.json saying "type": "module".
    const core = join(repoRoot, "packages", "core", "src");
    const paths = { "@workshop/core": [join(core, "index.ts")], "@workshop/core/*": [join(core, "*.ts")] };
    this.#options = {
      ...readCompilerOptions(tsconfigFile),
      noEmit: true,
      typeRoots,
      paths,
      module: ts.ModuleKind.Preserve,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
    };
  }

  /**
   * @param {string[]} files
   * @returns {Map<string, string[]>}
   */
  warnings(files) {
    const program = ts.createProgram(files, this.#options, undefined, this.#program);
    this.#program = program;
    /** @type {Map<string, string[]>} */
    const warnings = new Map();
    for (const file of files) {
      const source = program.getSourceFile(file);
      if (!source) continue;
      const diagnostics = [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)];
      const messages = diagnostics.slice(0, 3).map((diagnostic) => {
        const { line, character } = source.getLineAndCharacterOfPosition(diagnostic.start ?? 0);
        const text = ts.flattenDiagnosticMessageText(diagnostic.messageText, " ");
        return `type error at ${this.#shown(file)}:${line + 1}:${character + 1}: ${text}`;
      });
      if (diagnostics.length > 3) messages.push(`… and ${diagnostics.length - 3} more type errors in that file`);
      if (messages.length > 0) warnings.set(file, messages);
    }
    return warnings;
  }

  /**
   * A path as a learner reads it, as the grader's `displayPath` shows it: from the root when inside it.
   *
   * @param {string} file
   */
  #shown(file) {
    const inside = relative(this.#repoRoot, file);
    return inside.startsWith("..") ? file : inside;
  }
}
