// Node module hooks that let plain Node run a tree's code as the exercise tests see it (the vite plugin in
// redirect-plugin.ts does the same for vitest): for the speedup check's process, and for the tests that run a
// learner's script. Registered by register-tree-hooks.ts, after tsx, so these run first.
//
// - A package import (`@workshop/core`) from the tree resolves as from exercises/, which has the node_modules:
//   a submission in a temporary folder has none.
// - A file the exercise gives (`files.given`) is the workshop's copy, whatever the tree holds, loaded as if it
//   sat in the tree: its own relative imports reach the tree's files.
// - The tree's .ts files are ES modules, as vitest runs them, even with no package.json saying so.
import { existsSync } from "node:fs";
import type { InitializeHook, LoadHook, ResolveHook } from "node:module";
import { fileURLToPath } from "node:url";
import { ImportRules } from "./import-rules.js";

export interface TreeHooksData {
  /** The tree's folder, as a file URL ending in `/`. */
  targetUrl: string;
  /** The workshop's exercises folder, as a file URL ending in `/`. */
  exercisesUrl: string;
  /** The given files, as paths from the exercises folder: `09-script-with-main/async-timer.ts`. */
  given: string[];
  /** A graded run: the tree's code may import only what ImportRules allows. */
  graded: boolean;
}

let data: TreeHooksData = { targetUrl: "", exercisesUrl: "", given: [], graded: false };
let rules: ImportRules | undefined;

export const initialize: InitializeHook<TreeHooksData> = (received) => {
  data = received;
  // The speedup process's own modules are the grader's: only the answers are closed here.
  if (data.graded)
    rules = new ImportRules(fileURLToPath(data.targetUrl), fileURLToPath(data.exercisesUrl), ["solutions", ".git"]);
};

/** The workshop's copy of a given file, for a URL in the tree; undefined for anything else. */
function shippedUrl(url: string): string | undefined {
  if (!data.targetUrl || !url.startsWith(data.targetUrl)) return undefined;
  const path = decodeURIComponent(url.slice(data.targetUrl.length));
  return data.given.includes(path) ? new URL(path, data.exercisesUrl).href : undefined;
}

export const resolve: ResolveHook = async (specifier, context, nextResolve) => {
  const inTree = Boolean(data.targetUrl) && (context.parentURL?.startsWith(data.targetUrl) ?? false);
  if (inTree && rules && context.parentURL) {
    const refusal = rules.refusal(
      specifier.startsWith("file:") ? fileURLToPath(specifier) : specifier,
      fileURLToPath(context.parentURL),
    );
    if (refusal) throw new Error(refusal);
  }
  if (inTree && !/^(\.|\/|[a-z][a-z0-9+.-]*:)/i.test(specifier)) {
    return nextResolve(specifier, { ...context, parentURL: new URL("package.json", data.exercisesUrl).href });
  }
  if (inTree && specifier.startsWith(".") && context.parentURL) {
    const wanted = new URL(specifier, context.parentURL).href;
    if (shippedUrl(wanted)) return { url: wanted, format: "module", shortCircuit: true };
    // The tree's own TypeScript, resolved here rather than by tsx: without a package.json saying "type": "module",
    // tsx would take it for CommonJS, whose require() these hooks cannot reach.
    if (wanted.startsWith(data.targetUrl) && /\.m?ts$/.test(wanted) && existsSync(fileURLToPath(wanted))) {
      return { url: wanted, format: "module", shortCircuit: true };
    }
  }
  const resolved = await nextResolve(specifier, context);
  if (data.targetUrl && resolved.url.startsWith(data.targetUrl) && /\.m?ts$/.test(resolved.url)) {
    return { ...resolved, format: "module" };
  }
  return resolved;
};

export const load: LoadHook = async (url, context, nextLoad) => {
  const refusal = url.startsWith("file:") ? rules?.forbiddenFile(fileURLToPath(url)) : undefined;
  if (refusal) throw new Error(refusal);
  const shipped = shippedUrl(url);
  if (!shipped) return nextLoad(url, context);
  // tsx compiles the workshop's file; the module keeps the tree's URL, so its imports resolve in the tree.
  return { ...(await nextLoad(shipped, { ...context, format: "module" })), shortCircuit: true };
};
