import { readFileSync } from "node:fs";
import { parseSync, visitorKeys } from "oxc-parser";

/** A node of oxc's ESTree-shaped syntax tree, as far as the analyses read it. */
export interface AstNode {
  type: string;
  start: number;
  end: number;
  [key: string]: unknown;
}

/** A node where it was met: its parent's path, and the key of the parent under which it sits. */
export interface NodePath {
  node: AstNode;
  parent?: NodePath;
  key?: string;
}

/** A parsed file: its text, its tree, and where an offset is as an editor counts it. */
export interface ParsedFile {
  file: string;
  text: string;
  program: AstNode;
  /** Whether the file parsed without errors: an analysis of a broken file would guess. */
  clean: boolean;
}

/** Reads and parses a TypeScript file with oxc (a fraction of a millisecond); undefined when it cannot be read. */
export function parseFile(file: string): ParsedFile | undefined {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
  const parsed = parseSync(file, text, { sourceType: "module", lang: "ts" });
  return { file, text, program: parsed.program as unknown as AstNode, clean: parsed.errors.length === 0 };
}

export function isNode(value: unknown): value is AstNode {
  return typeof value === "object" && value !== null && typeof (value as AstNode).type === "string";
}

/** Calls `visit` for every node under `root`, parents before children, each with its path from the root. */
export function walk(root: AstNode, visit: (path: NodePath) => void, parent?: NodePath, key?: string): void {
  const path: NodePath = { node: root, ...(parent ? { parent } : {}), ...(key ? { key } : {}) };
  visit(path);
  for (const childKey of visitorKeys[root.type] ?? []) {
    const child = root[childKey];
    if (Array.isArray(child)) {
      for (const item of child) if (isNode(item)) walk(item, visit, path, childKey);
    } else if (isNode(child)) walk(child, visit, path, childKey);
  }
}

/** Every node under `root` of one of `types`, with its path. */
export function findAll(root: AstNode, ...types: string[]): NodePath[] {
  const found: NodePath[] = [];
  walk(root, (path) => {
    if (types.includes(path.node.type)) found.push(path);
  });
  return found;
}

/** The name a node stands for when it is a plain identifier. */
export function identifierName(node: unknown): string | undefined {
  return isNode(node) && node.type === "Identifier" ? (node.name as string) : undefined;
}

/** The name of a type reference (`Promise<X>`, `Elapsed`), without its arguments. */
export function typeName(node: unknown): string | undefined {
  if (!isNode(node)) return undefined;
  if (node.type === "TSTypeAnnotation") return typeName(node.typeAnnotation);
  return node.type === "TSTypeReference" ? identifierName(node.typeName) : undefined;
}

/** The first type argument of a type reference: `PiPool` of `Promise<PiPool>`. */
export function firstTypeArgument(node: unknown): AstNode | undefined {
  if (!isNode(node)) return undefined;
  if (node.type === "TSTypeAnnotation") return firstTypeArgument(node.typeAnnotation);
  const args = node.typeArguments as { params?: AstNode[] } | null | undefined;
  return args?.params?.[0];
}

/** Whether `node` is `Symbol.<name>`, as a computed key is written. */
export function isWellKnownSymbol(node: unknown, name: string): boolean {
  return (
    isNode(node) &&
    node.type === "MemberExpression" &&
    identifierName(node.object) === "Symbol" &&
    identifierName(node.property) === name
  );
}

/** 1-based line and column of a UTF-16 offset, as editors count them. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const lineStart = before.lastIndexOf("\n") + 1;
  return { line: before.split("\n").length, column: offset - lineStart + 1 };
}

/** The source of a node on one line, shortened to `max` characters: what a message quotes. */
export function sourceOf(text: string, node: AstNode, max = 60): string {
  const source = text.slice(node.start, node.end).replace(/\s*\n\s*/g, " ");
  return source.length <= max ? source : `${source.slice(0, max - 1)}…`;
}
