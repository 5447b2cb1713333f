// Module hooks for a tree graded from outside the workshop (a learner's submission in a temporary folder): it has
// no node_modules and no package.json of its own. The exercise tests handle this in their vite plugin; the
// speedup process, which imports the learner's code with plain Node and tsx, does the same here.
import type { InitializeHook, ResolveHook } from "node:module";

let targetUrl = "";
let exercisesPackageUrl = "";

export const initialize: InitializeHook<{ targetUrl: string; exercisesPackageUrl: string }> = (data) => {
  targetUrl = data.targetUrl;
  exercisesPackageUrl = data.exercisesPackageUrl;
};

export const resolve: ResolveHook = async (specifier, context, nextResolve) => {
  const inTarget = context.parentURL?.startsWith(targetUrl) ?? false;
  // A package import (`@workshop/core`) from the tree resolves as it would from exercises/.
  if (inTarget && !/^(\.|\/|[a-z][a-z0-9+.-]*:)/i.test(specifier)) {
    return nextResolve(specifier, { ...context, parentURL: exercisesPackageUrl });
  }
  const resolved = await nextResolve(specifier, context);
  // Without a package.json saying `"type": "module"`, tsx would load the tree's .ts files as CommonJS, where
  // `import.meta` and top-level await fail; the workshop's code is ES modules throughout.
  if (resolved.url.startsWith(targetUrl) && resolved.url.endsWith(".ts")) return { ...resolved, format: "module" };
  return resolved;
};
