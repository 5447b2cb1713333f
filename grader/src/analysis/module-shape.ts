import { readFileSync } from "node:fs";
import ts from "typescript";
import type { SourceLocation } from "../result.ts";

export interface ModuleShape {
  /** The names the file exports at run time (type-only exports are left out: they do not exist then). */
  names: string[];
  /** The first syntax error, if the file does not parse. */
  syntaxError?: { message: string; location: SourceLocation };
}

/**
 * Reads a TypeScript file's exports and syntax errors from its syntax alone (no type checking, a few
 * milliseconds), so the grader can say "`evens` is not exported" or "syntax error at 3:7" plainly, before a
 * test fails with "evens is not a function" or a bundler's stack trace.
 */
export function readModuleShape(file: string): ModuleShape {
  const text = readFileSync(file, "utf8");
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const shape: ModuleShape = { names: exportedNames(source) };
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

function exportedNames(source: ts.SourceFile): string[] {
  const names: string[] = [];
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

function hasExportModifier(node: ts.Statement): boolean {
  return ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
}
