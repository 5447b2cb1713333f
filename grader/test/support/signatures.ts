import type * as TS from "typescript";
import ts from "typescript";

/** Each exported name of a file, with its type as the compiler prints it. */
export type ExportSignatures = Map<string, string>;

/**
 * Reads the exported names and their types of many files with one type-checker pass, so the self-check can
 * prove that a starter and its solution offer the same API: the tests are written once, against both.
 */
export function exportSignatures(files: string[], compilerOptions: TS.CompilerOptions): Map<string, ExportSignatures> {
  const program = ts.createProgram(files, { ...compilerOptions, noEmit: true });
  const checker = program.getTypeChecker();
  const result = new Map<string, ExportSignatures>();
  for (const file of files) {
    const source = program.getSourceFile(file);
    const moduleSymbol = source && checker.getSymbolAtLocation(source);
    const signatures: ExportSignatures = new Map();
    for (const symbol of moduleSymbol ? checker.getExportsOfModule(moduleSymbol) : []) {
      const declaration = symbol.declarations?.[0];
      const type = declaration
        ? checker.typeToString(
            checker.getTypeOfSymbolAtLocation(symbol, declaration),
            undefined,
            ts.TypeFormatFlags.NoTruncation,
          )
        : "";
      // Interfaces and type aliases have no value type; compare their declared shape instead.
      const shape =
        declaration && (ts.isInterfaceDeclaration(declaration) || ts.isTypeAliasDeclaration(declaration))
          ? checker.typeToString(checker.getDeclaredTypeOfSymbol(symbol), undefined, ts.TypeFormatFlags.NoTruncation)
          : type;
      signatures.set(symbol.getName(), shape);
    }
    result.set(file, signatures);
  }
  return result;
}
