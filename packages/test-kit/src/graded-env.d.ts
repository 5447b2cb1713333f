/** The environment variable that marks a graded run (see graded-env.js). */
export declare const GRADED_ENV: "WORKSHOP_GRADED";
/** The words every refused import's error begins with (see graded-env.js). */
export declare const REFUSED: "a graded run refuses this import";
