// @ts-check
/** The BroadcastChannel on which the judge's test thread says each test's outcome at once (settled-at-once.js). */
export const SETTLED_CHANNEL = "workshop: tests settled";
