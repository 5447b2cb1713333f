import type { SimilarityMatch } from "./similarity-report.ts";

/** One match in a line: `03-fibonacci/fibonacci.ts: eve ~ reference solution 100% (lines 4-12 ~ 4-12, 1-3 ~ 1-3)`. */
export function matchSummary(match: SimilarityMatch): string {
  const lines = match.fragments.map(({ left, right }) => `${left.from}-${left.to} ~ ${right.from}-${right.to}`);
  return (
    `${match.exercise}/${match.file}: ${match.left} ~ ${match.right} ${Math.round(match.similarity * 100)}%` +
    (lines.length > 0 ? ` (lines ${lines.join(", ")})` : "")
  );
}
