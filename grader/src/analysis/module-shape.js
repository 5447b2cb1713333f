// @ts-check
/** @import { SourceFile, Statement } from "typescript" */
/** @import { ModuleShape } from "./analysis-messages.ts" */
import { readFileSync } from "node:fs";
import { ts } from "./typescript.js";

/**
 * Reads a TypeScript file's exports and syntax errors from its syntax alone (no type checking, a few
 * milliseconds), so the grader can say "`evens` is not exported" or "syntax error at 3:7" plainly, before a
 * test fails with "evens is not a function" or a bundler's stack trace.
 *
 * @param {string} file
 * @returns {ModuleShape}
 */
export function readModuleShape(file) {
  const text = readFileSync(file, "utf8");
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  /** @type {ModuleShape} */
  const shape = { names: exportedNames(source) };
  const [diagnostic] = ts.transpileModule(text, { fileName: file, reportDiagnostics: true }).diagnostics ?? [];
  if (diagnostic?.start !== undefined) {
    const { line, character } = source.getLineAndCharacterOfPosition(diagnostic.start);
    shape.syntaxError = {
      message: ts.flattenDiagnosticMessageText(diagnostic.messageText, " "),
      location: { file, line: line + 1, column: character + 1 },
    };
  }
  return shape;
}

/**
 * The names a file exports at run time (type-only exports are left out: they do not exist then).
 *
 * @param {SourceFile} source
 * @returns {string[]}
 */
function exportedNames(source) {
  /** @type {string[]} */
  const names = [];
  for (const statement of source.statements) {
    if (ts.isExportDeclaration(statement)) {
      if (statement.isTypeOnly || !statement.exportClause || !ts.isNamedExports(statement.exportClause)) continue;
      for (const element of statement.exportClause.elements) {
        if (!element.isTypeOnly) names.push(element.name.text);
      }
      continue;
    }
    if (!hasExportModifier(statement)) continue;
    if (ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement)) {
      if (statement.name) names.push(statement.name.text);
    } else if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) {
        if (ts.isIdentifier(declaration.name)) names.push(declaration.name.text);
      }
    }
  }
  return names;
}

/** @param {Statement} node */
function hasExportModifier(node) {
  return ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
}
