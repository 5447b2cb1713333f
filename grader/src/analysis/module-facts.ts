import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { workshop } from "../paths.ts";
import {
  type AstNode,
  findAll,
  firstTypeArgument,
  identifierName,
  isNode,
  isWellKnownSymbol,
  parseFile,
  typeName,
} from "./syntax-tree.ts";

/** A class, as far as the analyses need it: which of its methods return promises. */
export interface ClassFacts {
  name: string;
  promiseMethods: Set<string>;
}

/** What calling a function gives. */
export interface Callable {
  /** A promise: it must be awaited (or handed on) for its work to count. */
  promise: boolean;
  /** An object of a known class (or a promise of one): `createPiPool()` gives a `PiPool`. */
  gives?: ClassFacts;
  /**
   * An async disposable, for `await using`; with the properties its disposer sets (the timer's `time`), which
   * hold nothing until its scope has ended.
   */
  asyncDisposable?: { setOnDispose: string[] };
}

/** What a name bound in a module stands for. */
export interface Binding {
  callable?: Callable;
  class?: ClassFacts;
}

/** What a module's names stand for: those bound at its top level (its own and its imports), and its exports. */
export interface ModuleFacts {
  bindings: Map<string, Binding>;
  exports: Map<string, Binding>;
}

/** Node's modules whose every function returns a promise. */
const PROMISE_MODULES = new Set(["node:fs/promises", "fs/promises", "node:timers/promises", "timers/promises"]);

/**
 * The facts of the modules a learner's file imports, read from their syntax: the learner's own earlier files
 * (`../08-pi-split/pi-split.ts`), the files the exercise gives, and `@workshop/core`'s sources. Declared return
 * types and `async` say what returns a promise; nothing is run. One cache per analysis: files change between
 * grades.
 */
export class ModuleReader {
  readonly #cache = new Map<string, ModuleFacts>();

  facts(file: string): ModuleFacts {
    const cached = this.#cache.get(file);
    if (cached) return cached;
    const facts: ModuleFacts = { bindings: new Map(), exports: new Map() };
    // Set before it is filled: modules that import each other see each other's facts as far as they go.
    this.#cache.set(file, facts);
    const parsed = parseFile(file);
    if (parsed) this.#read(file, parsed.program, facts);
    return facts;
  }

  /** What `name`, imported from `specifier` by `from`, stands for. */
  imported(specifier: string, name: string, from: string): Binding | undefined {
    if (PROMISE_MODULES.has(specifier)) return { callable: { promise: true } };
    const file = resolveSpecifier(specifier, from);
    return file ? this.facts(file).exports.get(name) : undefined;
  }

  #read(file: string, program: AstNode, facts: ModuleFacts): void {
    const statements = program.body as AstNode[];
    const declarations = statements.map((statement) =>
      (statement.type === "ExportNamedDeclaration" || statement.type === "ExportDefaultDeclaration") &&
      isNode(statement.declaration)
        ? statement.declaration
        : statement,
    );
    const disposableTypes = new Set(["AsyncDisposable"]);
    for (const node of declarations) {
      if (node.type !== "TSInterfaceDeclaration") continue;
      const heritage = (node.extends as AstNode[] | null) ?? [];
      if (heritage.some((item) => disposableTypes.has(identifierName(item.expression) ?? ""))) {
        disposableTypes.add(identifierName(node.id) ?? "");
      }
    }
    for (const statement of statements) {
      if (statement.type !== "ImportDeclaration") continue;
      const specifier = (statement.source as AstNode).value as string;
      for (const item of statement.specifiers as AstNode[]) {
        const local = identifierName(item.local);
        const name = item.type === "ImportSpecifier" ? identifierName(item.imported) : undefined;
        if (!local || !name) continue;
        const binding = this.imported(specifier, name, file);
        if (binding) facts.bindings.set(local, binding);
      }
    }
    // Classes first: a function's declared return type may name one.
    for (const node of declarations) {
      const name = identifierName(node.id);
      if (node.type === "ClassDeclaration" && name) facts.bindings.set(name, { class: classFacts(name, node) });
    }
    const classOf = (type: string | undefined) => (type ? facts.bindings.get(type)?.class : undefined);
    for (const node of declarations) {
      if (node.type === "FunctionDeclaration" && identifierName(node.id)) {
        facts.bindings.set(identifierName(node.id) as string, {
          callable: callableFacts(node, classOf, disposableTypes),
        });
      }
      if (node.type !== "VariableDeclaration") continue;
      for (const declarator of node.declarations as AstNode[]) {
        const init = declarator.init;
        const name = identifierName(declarator.id);
        if (!name || !isNode(init) || !/^(Arrow)?FunctionExpression$/.test(init.type)) continue;
        facts.bindings.set(name, { callable: callableFacts(init, classOf, disposableTypes) });
      }
    }
    this.#readExports(file, statements, facts);
  }

  #readExports(file: string, statements: AstNode[], facts: ModuleFacts): void {
    for (const statement of statements) {
      const specifier = isNode(statement.source) ? (statement.source.value as string) : undefined;
      if (statement.type === "ExportAllDeclaration" && specifier && statement.exported === null) {
        const target = resolveSpecifier(specifier, file);
        if (target) for (const [name, binding] of this.facts(target).exports) facts.exports.set(name, binding);
        continue;
      }
      if (statement.type !== "ExportNamedDeclaration") continue;
      const declaration = statement.declaration;
      if (isNode(declaration)) {
        const names =
          declaration.type === "VariableDeclaration"
            ? (declaration.declarations as AstNode[]).map((item) => identifierName(item.id))
            : [identifierName(declaration.id)];
        for (const name of names) {
          const binding = name ? facts.bindings.get(name) : undefined;
          if (name && binding) facts.exports.set(name, binding);
        }
      }
      for (const item of (statement.specifiers as AstNode[] | undefined) ?? []) {
        const local = identifierName(item.local);
        const exported = identifierName(item.exported);
        if (!local || !exported) continue;
        const binding = specifier ? this.imported(specifier, local, file) : facts.bindings.get(local);
        if (binding) facts.exports.set(exported, binding);
      }
    }
  }
}

/** Where an import leads: a relative path, or one of `@workshop/core`'s entries; undefined for anything else. */
export function resolveSpecifier(specifier: string, from: string): string | undefined {
  if (specifier.startsWith(".")) {
    const file = resolve(dirname(from), specifier);
    return existsSync(file) ? file : undefined;
  }
  const core = /^@workshop\/core(\/.*)?$/.exec(specifier);
  if (!core) return undefined;
  const folder = join(workshop.root, "packages", "core");
  try {
    const exports = JSON.parse(readFileSync(join(folder, "package.json"), "utf8")).exports as Record<string, string>;
    const entry = exports[`.${core[1] ?? ""}`];
    return entry ? join(folder, entry) : undefined;
  } catch {
    return undefined;
  }
}

function classFacts(name: string, node: AstNode): ClassFacts {
  const promiseMethods = new Set<string>();
  for (const member of ((node.body as AstNode).body as AstNode[]) ?? []) {
    if (member.type !== "MethodDefinition" || !isNode(member.value)) continue;
    const key = member.computed
      ? isWellKnownSymbol(member.key, "asyncDispose")
        ? "[Symbol.asyncDispose]"
        : undefined
      : identifierName(member.key);
    if (key && returnsPromise(member.value)) promiseMethods.add(key);
  }
  return { name, promiseMethods };
}

function returnsPromise(fn: AstNode): boolean {
  return fn.async === true || ["Promise", "PromiseLike"].includes(typeName(fn.returnType) ?? "");
}

function callableFacts(
  fn: AstNode,
  classOf: (name: string | undefined) => ClassFacts | undefined,
  disposableTypes: Set<string>,
): Callable {
  const promise = returnsPromise(fn);
  const declared = promise ? typeName(firstTypeArgument(fn.returnType)) : typeName(fn.returnType);
  const callable: Callable = { promise };
  const gives = classOf(declared);
  if (gives) callable.gives = gives;
  const disposer = returnedDisposer(fn);
  if (disposer) callable.asyncDisposable = { setOnDispose: propertiesSetOnThis(disposer) };
  else if (!promise && declared && disposableTypes.has(declared)) callable.asyncDisposable = { setOnDispose: [] };
  return callable;
}

/** The `[Symbol.asyncDispose]` method of the object literal a function returns, when it returns one. */
function returnedDisposer(fn: AstNode): AstNode | undefined {
  const returned = isNode(fn.body) && fn.body.type === "ObjectExpression" ? [fn.body] : [];
  for (const { node } of isNode(fn.body) ? findAll(fn.body, "ReturnStatement") : []) {
    if (isNode(node.argument) && node.argument.type === "ObjectExpression") returned.push(node.argument);
  }
  for (const object of returned) {
    for (const property of object.properties as AstNode[]) {
      if (property.computed && isWellKnownSymbol(property.key, "asyncDispose") && isNode(property.value)) {
        return property.value;
      }
    }
  }
  return undefined;
}

/** The properties a method assigns with `this.name = ...`. */
function propertiesSetOnThis(method: AstNode): string[] {
  const names = findAll(method, "AssignmentExpression").flatMap(({ node }) => {
    const target = node.left;
    return isNode(target) &&
      target.type === "MemberExpression" &&
      isNode(target.object) &&
      target.object.type === "ThisExpression"
      ? [identifierName(target.property) ?? ""]
      : [];
  });
  return [...new Set(names.filter(Boolean))];
}
