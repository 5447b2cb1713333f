// The tests are written once, beside the starters in exercises/; this config points them at the solutions.
//
// The relative import is deliberate: vitest bundles a config's relative imports but loads packages from
// node_modules as they are, and Node 20 cannot load a package's TypeScript source.
import { exerciseConfig } from "../packages/test-kit/src/vitest-config.js";

export default exerciseConfig({
  exercisesDir: `${import.meta.dirname}/../exercises`,
  target: import.meta.dirname,
  hiddenTests: true,
});
