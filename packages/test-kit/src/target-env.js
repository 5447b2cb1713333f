// Plain JavaScript, so that the compiled grader and its plain-Node child processes can import it too.
/**
 * The environment variable that names the tree under test: an absolute path to a folder laid out like
 * `exercises/` (one `NN-slug/` folder per exercise). Unset, the tests run against the starters beside them.
 */
export const TARGET_ENV = "WORKSHOP_TARGET";
