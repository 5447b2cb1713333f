// Plain JavaScript, so that the compiled grader and its plain-Node child processes can import it too.
/** Set by the grader for a graded run: the learner's code may then import only what its exercise allows. */
export const GRADED_ENV = "WORKSHOP_GRADED";

/** The words every import a graded run refuses begins its error with, which the grader recognises. */
export const REFUSED = "a graded run refuses this import";
