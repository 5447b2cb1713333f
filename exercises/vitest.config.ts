// Runs the exercise tests against the starters here, or against the tree named by $WORKSHOP_TARGET.
// Run one exercise from the shell with `pnpm exec vitest run 01-integers` in this folder.
//
// The relative import is deliberate: vitest bundles a config's relative imports but loads packages from
// node_modules as they are, and Node 20 cannot load a package's TypeScript source.
import { exerciseConfig } from "../packages/test-kit/src/vitest-config.js";

export default exerciseConfig({ exercisesDir: import.meta.dirname });
