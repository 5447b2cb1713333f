import { dirname, join } from "node:path";
import ts from "typescript";
import { displayPath, repoRoot } from "../paths.ts";
import { readCompilerOptions } from "./signatures.ts";

/**
 * Type errors in the learner's files, as warnings by file. They do not fail an exercise: the tests define
 * what counts, and the code runs as JavaScript with its types erased (tsx, like Node's type stripping), so a
 * type error that the tests cannot see is worth a warning, not a lost grade.
 *
 * The checker keeps its last program, so re-checking after a save (watch mode) re-parses only what changed.
 */
export class TypeChecker {
  #options: ts.CompilerOptions;
  #program: ts.Program | undefined;

  constructor(tsconfigFile: string) {
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

  warnings(files: string[]): Map<string, string[]> {
    const program = ts.createProgram(files, this.#options, undefined, this.#program);
    this.#program = program;
    const warnings = new Map<string, string[]>();
    for (const file of files) {
      const source = program.getSourceFile(file);
      if (!source) continue;
      const diagnostics = [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)];
      const messages = diagnostics.slice(0, 3).map((diagnostic) => {
        const { line, character } = source.getLineAndCharacterOfPosition(diagnostic.start ?? 0);
        const text = ts.flattenDiagnosticMessageText(diagnostic.messageText, " ");
        return `type error at ${displayPath(file)}:${line + 1}:${character + 1}: ${text}`;
      });
      if (diagnostics.length > 3) messages.push(`… and ${diagnostics.length - 3} more type errors in that file`);
      if (messages.length > 0) warnings.set(file, messages);
    }
    return warnings;
  }
}
