import { File, Region, TokenizedFile } from "@dodona/dolos-core";
import { parseSync } from "oxc-parser";

/** What an AST node holds besides its children: never a token. */
const NOT_CHILDREN = new Set(["type", "start", "end", "range", "loc", "parent"]);

interface Node {
  type: string;
  start: number;
  end: number;
  name?: string;
  raw?: string;
  value?: unknown;
  [key: string]: unknown;
}

/**
 * A TypeScript file as Dolos compares it: its syntax tree written out as tokens, each with the place in the file
 * it stands for. Dolos (dolos-lib) writes every tree-sitter node as `(`, its type, its children, `)`; this writes
 * oxc's tree the same way (the grader's parser already, with prebuilt binaries on every system), and adds what
 * the code says: each identifier's name, each literal's text, and the words of its comments.
 *
 * Why more than Dolos's shape alone: the workshop's exercises are 5 to 40 lines with a given signature, and the
 * shape of a correct one is nearly fixed. Shape alone scores an honest learner's natural `fibonacci()` 100%
 * like the reference solution (measured: docs/instructors.md, "Similarity"); the names and comments a copy keeps
 * are what tells it apart. A copy with every name changed and every comment dropped is, in code this small, no
 * different from honest work, and is not flagged.
 *
 * The text is read as a person sees it: a byte order mark and Windows line ends change nothing.
 */
export function codeTokens(path: string, source: string): TokenizedFile {
  const text = source.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  const at = positions(text);
  const parsed = parseSync(path, text, { sourceType: "module", lang: "ts" });
  const tokens: string[] = [];
  const mapping: Region[] = [];
  const comments = [...parsed.comments].sort((a, b) => a.start - b.start);
  const push = (token: string, region: Region) => {
    tokens.push(token);
    mapping.push(region);
  };
  const commentsBefore = (offset: number) => {
    while (comments.length > 0 && (comments[0]?.start ?? offset) < offset) {
      const comment = comments.shift();
      if (!comment) break;
      const region = at(comment.start, comment.end);
      for (const word of comment.value.toLowerCase().split(/[^\p{L}\p{N}_$]+/u)) if (word) push(`#${word}`, region);
    }
  };
  const visit = (node: Node) => {
    commentsBefore(node.start);
    const children = childrenOf(node);
    // A node stands for its own text up to its first child, as Dolos maps it: a fragment then covers the lines
    // that matched, not the whole function around them.
    const region = at(node.start, children[0]?.start ?? node.end);
    push("(", region);
    push(node.type, region);
    const said = wordOf(node);
    if (said !== undefined) push(`=${said}`, region);
    for (const child of children) visit(child);
    commentsBefore(node.end);
    push(")", region);
  };
  visit(parsed.program as unknown as Node);
  return new TokenizedFile(new File(path, text), tokens, mapping);
}

/** What a node says beyond its type: a name, or a literal's text. */
function wordOf(node: Node): string | undefined {
  if (node.type === "Identifier" || node.type === "PrivateIdentifier" || node.type === "JSXIdentifier") {
    return node.name;
  }
  if (node.type === "Literal") return node.raw ?? String(node.value);
  if (node.type === "TemplateElement") return (node.value as { raw?: string } | undefined)?.raw;
  return undefined;
}

/** A node's child nodes, in source order. */
function childrenOf(node: Node): Node[] {
  const children: Node[] = [];
  for (const [key, value] of Object.entries(node)) {
    if (NOT_CHILDREN.has(key)) continue;
    for (const item of Array.isArray(value) ? value : [value]) {
      if (item && typeof item === "object" && typeof (item as Node).type === "string") children.push(item as Node);
    }
  }
  return children.sort((a, b) => a.start - b.start);
}

/** Offsets to Dolos's regions: rows and columns from 0. */
function positions(text: string): (start: number, end: number) => Region {
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === "\n") lineStarts.push(i + 1);
  const position = (offset: number): [number, number] => {
    let low = 0;
    let high = lineStarts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((lineStarts[middle] ?? 0) <= offset) low = middle;
      else high = middle - 1;
    }
    return [low, offset - (lineStarts[low] ?? 0)];
  };
  return (start, end) => {
    const [startRow, startColumn] = position(start);
    const [endRow, endColumn] = position(Math.max(start, end));
    return new Region(startRow, startColumn, endRow, endColumn);
  };
}
