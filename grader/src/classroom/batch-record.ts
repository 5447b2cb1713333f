import type { NotGraded } from "./class-submissions.ts";

export const BATCH_RECORD_KIND = "class-batch";

/**
 * What a class batch did, written to `<results>/_batch.json` beside the learners' results: whom it graded,
 * how often, what is still inconclusive, and what it could not grade and why. The class summary reads it to
 * list the learners it has no result for.
 */
export interface BatchRecord {
  kind: typeof BATCH_RECORD_KIND;
  startedAt: string;
  finishedAt: string;
  /** The bound on regrades the batch was given. */
  regrades: number;
  graded: {
    name: string;
    file: string;
    score: number;
    maxScore: number;
    /** How many gradings went into the result: 1, plus one per regrade. */
    gradings: number;
    /** Exercises still inconclusive after the regrades. */
    inconclusive: string[];
  }[];
  notGraded: NotGraded[];
}
