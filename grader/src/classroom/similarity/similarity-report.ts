/** The name the reference solution goes by in the similarity section, where a learner's would stand. */
export const REFERENCE = "reference solution";

/**
 * The class report's similarity section: per exercise, whose code is alike to whose, and to the reference
 * solution, with the fragments that match. It says what is alike; whether that is copying is the instructor's
 * judgement, which the fragments are there to inform.
 */
export interface SimilarityReport {
  /** A match at least this alike (0 to 1) is listed: the course's setting. */
  threshold: number;
  /** Per exercise file compared: how many learners had code for it, and whether the reference solution was there. */
  compared: { exercise: string; file: string; learners: number; reference: boolean }[];
  /** Every pair at or above the threshold, the most alike first. */
  matches: SimilarityMatch[];
  /** Why something could not be compared (no graded code kept, no reference solutions in this edition). */
  notes: string[];
}

export interface SimilarityMatch {
  exercise: string;
  file: string;
  /** The two whose code is alike: learners in name order, or a learner and REFERENCE (always second). */
  left: string;
  right: string;
  /** Whether `right` is the reference solution. */
  reference: boolean;
  /** How much of both files' fingerprints they share, the starter's left out (Dolos's similarity), 0 to 1. */
  similarity: number;
  /** The longest run of fingerprints the two share. */
  longest: number;
  /** The longest matching fragments, each as lines of both files. */
  fragments: MatchedFragment[];
}

export interface MatchedFragment {
  left: CodeSpan;
  right: CodeSpan;
}

/** Lines `from` to `to` of a file (from 1), and their text (at most a few lines of it, and said so). */
export interface CodeSpan {
  from: number;
  to: number;
  lines: string[];
}
