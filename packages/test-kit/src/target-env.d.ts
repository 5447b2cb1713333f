/** The environment variable that names the tree under test (see target-env.js). */
export declare const TARGET_ENV: "WORKSHOP_TARGET";
