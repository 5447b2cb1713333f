// @ts-check
// Its own module, apart from judge.js: the exercise tests that run a learner's script import it in practice runs
// too, where nothing of the judge is needed.
import { createRequire } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { workshopRoot } from "./views.js";

const require = createRequire(import.meta.url);

/**
 * The `node` arguments that load a tree's TypeScript as the tests see it (see test-kit's tree hooks). The
 * TypeScript is run by tsx, as a learner's `pnpm exec tsx` runs it, unless a `loader` module is named.
 *
 * @param {string} [loader] The URL of a module that registers other hooks for TypeScript.
 */
export function treeImports(loader) {
  return [
    "--import",
    loader ?? pathToFileURL(require.resolve("tsx", { paths: [join(workshopRoot, "packages", "test-kit")] })).href,
    "--import",
    pathToFileURL(join(workshopRoot, "packages", "test-kit", "src", "register-tree-hooks.ts")).href,
  ];
}
