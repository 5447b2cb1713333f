import { type Binding, type Callable, type ClassFacts, ModuleReader } from "./module-facts.ts";
import {
  type AstNode,
  findAll,
  identifierName,
  isNode,
  isWellKnownSymbol,
  lineAndColumn,
  type NodePath,
  parseFile,
  sourceOf,
  typeName,
} from "./syntax-tree.ts";

/** A forgotten `await` (or `await using`) in a learner's file: where, and what to do about it. */
export interface ForgottenAwait {
  line: number;
  column: number;
  message: string;
}

/** What becomes of a value: awaited, handed on to code that may await it, dropped, or used as if it were its result. */
type Fate =
  | { kind: "awaited" | "handed-on" | "dropped" }
  | { kind: "stored"; name: string; scope: AstNode }
  | { kind: "used"; at: AstNode; printed: boolean };

/**
 * The forgotten awaits in a learner's file, from its syntax and the declared types of what it calls: a call of a
 * function that returns a promise, whose promise is neither awaited nor handed on (returned, passed to a
 * function such as `Promise.all`, or given a `.then`); and a timer of exercise 06 declared with plain `using`,
 * never disposed, or read inside the `await using` scope that has not stopped it yet. Each is named at its line
 * with the fix. A file that does not parse gets none: its syntax error says more.
 */
export function forgottenAwaits(file: string, reader = new ModuleReader()): ForgottenAwait[] {
  const parsed = parseFile(file);
  if (!parsed?.clean) return [];
  const { text, program } = parsed;
  const { bindings } = reader.facts(file);
  const classes = variableClasses(program, bindings);
  const found: { at: AstNode; message: string }[] = [];
  for (const path of findAll(program, "CallExpression")) {
    const callable = calleeFacts(path.node, bindings, classes);
    if (!callable) continue;
    if (callable.promise) {
      const message = plainUsingOfAwaited(path, text, callable) ?? unawaitedPromise(path, text);
      if (message) found.push({ at: path.node, message });
    } else if (callable.asyncDisposable) {
      const problem = undisposed(path, text, callable.asyncDisposable.setOnDispose);
      if (problem) found.push(problem);
    }
  }
  return found
    .sort((a, b) => a.at.start - b.at.start)
    .map(({ at, message }) => ({ ...lineAndColumn(text, at.start), message }));
}

/** What a call calls, when its facts are known: a function bound in the module, or a method of a known class. */
function calleeFacts(call: AstNode, bindings: Map<string, Binding>, classes: Map<string, ClassFacts>) {
  const callee = call.callee;
  const name = identifierName(callee);
  if (name) return bindings.get(name)?.callable;
  if (!isNode(callee) || callee.type !== "MemberExpression" || callee.computed) return undefined;
  // Promise.reject(...), Promise.all(...): a promise like any other.
  if (identifierName(callee.object) === "Promise") return { promise: true } satisfies Callable;
  const owner = classes.get(identifierName(callee.object) ?? "");
  const method = identifierName(callee.property);
  return owner && method && owner.promiseMethods.has(method) ? ({ promise: true } satisfies Callable) : undefined;
}

/** Variables that hold an object of a known class: declared with its type, or made by a function that gives one. */
function variableClasses(program: AstNode, bindings: Map<string, Binding>): Map<string, ClassFacts> {
  const classes = new Map<string, ClassFacts>();
  for (const { node } of findAll(program, "Identifier")) {
    const declared = bindings.get(typeName(node.typeAnnotation) ?? "")?.class;
    if (declared) classes.set(node.name as string, declared);
  }
  for (const { node } of findAll(program, "VariableDeclarator")) {
    const name = identifierName(node.id);
    let init = node.init;
    if (isNode(init) && init.type === "AwaitExpression") init = init.argument;
    if (!name || !isNode(init)) continue;
    const maker = identifierName(init.callee);
    const made =
      init.type === "NewExpression" ? bindings.get(maker ?? "")?.class : bindings.get(maker ?? "")?.callable?.gives;
    if (made) classes.set(name, made);
  }
  return classes;
}

/** The message for a promise nobody awaits, or undefined when it is awaited or handed on. */
function unawaitedPromise(path: NodePath, text: string): string | undefined {
  const call = sourceOf(text, path.node);
  const fate = fateOf(path, text);
  const write = insideAsync(path) ? `Write \`await ${call}\`` : `Make the function async and write \`await ${call}\``;
  switch (fate.kind) {
    case "awaited":
    case "handed-on":
      return undefined;
    case "dropped":
      return (
        `\`${call}\` returns a promise, and nothing awaits it: the code after it runs at once, without waiting for ` +
        `it, and an error in it is reported nowhere. ${write}.`
      );
    case "used": {
      const where = lineAndColumn(text, fate.at.start).line;
      const what = fate.printed
        ? `printed at line ${where}, it reads "[object Promise]"`
        : `\`${sourceOf(text, fate.at, 40)}\` at line ${where} uses the promise, not its result`;
      return `\`${call}\` returns a promise, not its result: ${what}. ${write}.`;
    }
    case "stored":
      return (
        `\`${call}\` returns a promise, kept in \`${fate.name}\` and never awaited: the code goes on before the ` +
        `work is done, and ${unawaitedUse(fate, text)}. ${write}.`
      );
  }
}

/** What goes wrong with a promise kept in a variable that nothing awaits. */
function unawaitedUse(fate: Extract<Fate, { kind: "stored" }>, text: string): string {
  const used = references(fate.name, fate.scope)
    .map((reference) => fateOf(reference, text))
    .find((use): use is Extract<Fate, { kind: "used" }> => use.kind === "used");
  if (!used) return "an error in it is reported nowhere";
  const line = lineAndColumn(text, used.at.start).line;
  return used.printed
    ? `\`${fate.name}\`, printed at line ${line}, reads "[object Promise]"`
    : `line ${line} uses the promise, not its result`;
}

/** What becomes of the value of the expression at `path`. */
function fateOf(path: NodePath, text: string): Fate {
  let at = path;
  for (let parent = at.parent; parent; at = parent, parent = parent.parent) {
    const node = parent.node;
    switch (node.type) {
      case "AwaitExpression":
        return { kind: "awaited" };
      case "ReturnStatement":
      case "YieldExpression":
      case "Property":
      case "NewExpression":
        return { kind: "handed-on" };
      case "ArrowFunctionExpression":
        return { kind: at.key === "body" ? "handed-on" : "dropped" };
      case "CallExpression":
        // console.log(promise) prints the promise; any other function it is passed to may await it.
        if (at.key === "arguments" && isNode(node.callee) && identifierName(node.callee.object) === "console") {
          return { kind: "used", at: node, printed: true };
        }
        return at.key === "arguments" ? { kind: "handed-on" } : { kind: "used", at: node, printed: false };
      case "MemberExpression": {
        const method = identifierName(node.property);
        if (["then", "catch", "finally"].includes(method ?? "")) return { kind: "handed-on" };
        return { kind: "used", at: node, printed: false };
      }
      case "UnaryExpression":
        return node.operator === "void" ? { kind: "handed-on" } : { kind: "used", at: node, printed: false };
      case "ExpressionStatement":
        return { kind: "dropped" };
      case "TemplateLiteral":
        return { kind: "used", at: node, printed: true };
      case "BinaryExpression":
        return { kind: "used", at: node, printed: node.operator === "+" };
      case "VariableDeclarator":
      case "AssignmentExpression": {
        const target = node.type === "VariableDeclarator" ? node.id : node.left;
        const name = identifierName(target);
        if (!name) return { kind: "handed-on" };
        return stored(name, parent, text);
      }
      case "ParenthesizedExpression":
      case "TSAsExpression":
      case "TSSatisfiesExpression":
      case "TSNonNullExpression":
      case "ChainExpression":
      case "ConditionalExpression":
      case "LogicalExpression":
      case "SequenceExpression":
      case "ArrayExpression":
      case "SpreadElement":
        continue;
      default:
        // What is not understood is not blamed.
        return { kind: "handed-on" };
    }
  }
  return { kind: "dropped" };
}

/** The fate of a promise kept in variable `name`: the best of what its uses do with it. */
function stored(name: string, declaredAt: NodePath, text: string): Fate {
  const scope = enclosingFunction(declaredAt)?.node ?? rootOf(declaredAt).node;
  // Copied into another variable, it is followed no further: that one may be awaited.
  const fates = references(name, scope).map((use) =>
    use.parent?.node.type === "VariableDeclarator" ? { kind: "handed-on" } : fateOf(use, text),
  );
  if (fates.some((fate) => fate.kind === "awaited" || fate.kind === "handed-on" || fate.kind === "stored")) {
    return { kind: "handed-on" };
  }
  return { kind: "stored", name, scope };
}

/** The places `name` is read in `scope` (not where it is declared or assigned). */
function references(name: string, scope: AstNode): NodePath[] {
  return findAll(scope, "Identifier").filter(
    (path) =>
      path.node.name === name &&
      path.key !== "id" &&
      path.key !== "property" &&
      path.key !== "key" &&
      !(path.key === "left" && path.parent?.node.type === "AssignmentExpression"),
  );
}

function enclosingFunction(path: NodePath): NodePath | undefined {
  for (let at = path.parent; at; at = at.parent) {
    if (/^(FunctionDeclaration|FunctionExpression|ArrowFunctionExpression)$/.test(at.node.type)) return at;
  }
  return undefined;
}

function rootOf(path: NodePath): NodePath {
  let at = path;
  while (at.parent) at = at.parent;
  return at;
}

function insideAsync(path: NodePath): boolean {
  return enclosingFunction(path)?.node.async === true;
}

/**
 * A timer (an async disposable whose disposer sets what it measured) that is declared with plain `using`, never
 * disposed, or read inside the `await using` scope that stops it only at its end.
 */
function undisposed(
  path: NodePath,
  text: string,
  setOnDispose: string[],
): { at: AstNode; message: string } | undefined {
  const call = sourceOf(text, path.node);
  const declarator = path.parent?.node.type === "VariableDeclarator" ? path.parent : undefined;
  const kind = declarator?.parent?.node.kind;
  const name = identifierName(declarator?.node.id);
  if (kind === "using") return { at: path.node, message: plainUsing(name ?? "_", call, "a timer") };
  if (kind === "await using" && name) return readTooEarly(name, declarator as NodePath, setOnDispose, text);
  if (setOnDispose.length === 0) return undefined;
  if (!name) {
    return path.parent?.node.type === "ExpressionStatement"
      ? { at: path.node, message: neverDisposed(call, undefined, setOnDispose) }
      : undefined;
  }
  const scope = enclosingFunction(path)?.node ?? rootOf(path).node;
  const usings = findAll(scope, "VariableDeclarator").filter((use) => identifierName(use.node.init) === name);
  const plain = usings.find((use) => use.parent?.node.kind === "using");
  if (plain) return { at: plain.node, message: plainUsing(identifierName(plain.node.id) ?? "_", name, "a timer") };
  const scoped = usings.find((use) => use.parent?.node.kind === "await using");
  if (scoped) return readTooEarly(name, scoped, setOnDispose, text);
  // Returned, passed on, or disposed by hand (`await t[Symbol.asyncDispose]()`): someone else stops it.
  const handedOn = references(name, scope).some((use) => {
    const parent = use.parent?.node;
    if (parent?.type === "MemberExpression") return isWellKnownSymbol(parent.property, "asyncDispose");
    return fateOf(use, text).kind === "handed-on";
  });
  return handedOn ? undefined : { at: path.node, message: neverDisposed(call, name, setOnDispose) };
}

function plainUsing(name: string, value: string, what: string): string {
  return (
    `\`using ${name} = ${value}\` looks for \`[Symbol.dispose]\`, and ${what} has \`[Symbol.asyncDispose]\`: its ` +
    `dispose is async, so it throws "Object is not disposable". Write \`await using ${name} = ${value}\`.`
  );
}

/** `using pool = await createPiPool()`: the awaited object disposes asynchronously, and plain `using` cannot. */
function plainUsingOfAwaited(path: NodePath, text: string, callable: Callable): string | undefined {
  const awaited = path.parent?.node.type === "AwaitExpression" ? path.parent : undefined;
  const declarator = awaited?.parent?.node.type === "VariableDeclarator" ? awaited.parent : undefined;
  if (declarator?.parent?.node.kind !== "using" || !callable.gives?.promiseMethods.has("[Symbol.asyncDispose]")) {
    return undefined;
  }
  const name = identifierName(declarator.node.id) ?? "_";
  return plainUsing(name, sourceOf(text, awaited?.node as AstNode), `a ${callable.gives.name}`);
}

function neverDisposed(call: string, name: string | undefined, setOnDispose: string[]): string {
  const t = name ?? "t";
  const read = `\`${t}.${setOnDispose[0]}\``;
  return (
    `\`${call}\` is never declared with \`await using\`, so nothing stops it${name ? `: ${read} stays undefined` : ""}. ` +
    `Keep it in a \`const ${t}\` before a block, declare it inside the block with \`await using _ = ${t};\` around ` +
    `the work to time, and read ${read} after the block.`
  );
}

/** A property set on dispose, read after `await using` in the same block: before the block ends, so still unset. */
function readTooEarly(
  name: string,
  declarator: NodePath,
  setOnDispose: string[],
  text: string,
): { at: AstNode; message: string } | undefined {
  const block = declarator.parent?.parent;
  if (!block) return undefined;
  const declaredEnd = declarator.node.end;
  const early = findAll(block.node, "MemberExpression").find(
    ({ node }) =>
      node.start > declaredEnd &&
      identifierName(node.object) === name &&
      setOnDispose.includes(identifierName(node.property) ?? ""),
  );
  if (!early) return undefined;
  const read = sourceOf(text, early.node);
  const atEnd =
    isNode(block.parent?.node) && /Function/.test(block.parent.node.type)
      ? "the end of the function"
      : "the end of the block";
  return {
    at: early.node,
    message:
      `\`${read}\` is read inside the scope of its \`await using\` (line ${lineAndColumn(text, declarator.node.start).line}), ` +
      `which stops the timer only at ${atEnd}: here it is still undefined. Give the timer a block of its own ` +
      "(`const t = timer();` before it, `await using _ = t;` inside it, around the work) and read it after the block.",
  };
}

/** How a forgotten await is listed among the warnings: where, as editors and terminals make it clickable. */
export function forgottenAwaitWarning(shown: string, found: ForgottenAwait): string {
  return `forgotten await at ${shown}:${found.line}:${found.column}: ${found.message}`;
}

/** A warning written by `forgottenAwaitWarning`, read back: the file as shown, its place and the message. */
export function readForgottenAwaitWarning(
  warning: string,
): { shown: string; line: number; column: number; message: string } | undefined {
  const match = /^forgotten await at (.+?):(\d+):(\d+): ([\s\S]*)$/.exec(warning);
  if (!match) return undefined;
  const [, shown = "", line, column, message = ""] = match;
  return { shown, line: Number(line), column: Number(column), message };
}

/** The forgotten awaits of `files`, as warnings by file, with the paths as `shown` gives them. */
export function forgottenAwaitWarnings(files: string[], shown: (file: string) => string): Map<string, string[]> {
  const reader = new ModuleReader();
  return new Map(
    files.map((file) => [
      file,
      forgottenAwaits(file, reader).map((found) => forgottenAwaitWarning(shown(file), found)),
    ]),
  );
}
