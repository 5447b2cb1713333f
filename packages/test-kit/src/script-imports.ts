import { treeImports } from "@workshop/sandbox/tree-imports";

/**
 * The `node` arguments that run a tree's TypeScript file as a learner's `pnpm exec tsx file.ts` does, in one
 * process, with the tree's imports seen as the exercise tests see them (register-tree-hooks.ts): for tests that
 * run a script rather than import it. The learner's process in a graded run starts the same way.
 */
export const SCRIPT_IMPORTS: readonly string[] = treeImports();
