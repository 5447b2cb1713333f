import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { FingerprintIndex, type Fragment, type Pair, type TokenizedFile } from "@dodona/dolos-core";
import type { Exercise } from "../../curriculum/load-curriculum.ts";
import { codeTokens } from "./code-tokens.ts";
import { type CodeSpan, REFERENCE, type SimilarityMatch, type SimilarityReport } from "./similarity-report.ts";

/**
 * Dolos's defaults (dolos-lib's Options): fingerprints of 23 tokens, one kept per window of 17. Measured on the
 * fixture class and on honest variants of 01, 03 and 08 (docs/instructors.md, "Similar code"): a verbatim copy
 * scores 1.0, a copy with one name changed 0.62, and honest solutions of the same exercise at most 0.47; the
 * course's default threshold, 0.6, lies between.
 */
const KGRAM_LENGTH = 23;
const KGRAMS_IN_WINDOW = 17;
/** A match shows its longest fragments, each with this many lines at most: enough to judge, not a whole file. */
const FRAGMENTS = 3;
const FRAGMENT_LINES = 24;
/** A report lists this many matches at most, the most alike: past that, a threshold is set too low to read. */
const MAX_MATCHES = 200;

export interface ClassCode {
  /** Each learner's code as it was graded: a folder laid out like exercises/. */
  learners: { name: string; tree: string }[];
  /** The reference solutions (instructor's edition), when there are any. */
  solutions?: string;
  threshold: number;
}

/**
 * Compares the class's code, exercise by exercise and file by file, with Dolos's algorithm (@dodona/dolos-core:
 * Winnowing over code-tokens.ts's tokens): every learner with every other, and with the reference solution. The
 * starter is given as Dolos's "template", so what everyone was handed counts for no one. A pair of learners who
 * both match the reference solution in an exercise is listed under the reference alone: they did not need each
 * other to be alike.
 */
export function compareClassCode(curriculum: Exercise[], code: ClassCode): SimilarityReport {
  const report: SimilarityReport = { threshold: code.threshold, compared: [], matches: [], notes: [] };
  const learners = [...code.learners].sort((a, b) => a.name.localeCompare(b.name));
  for (const exercise of curriculum) {
    for (const file of exercise.files.learner) {
      const sources = learners.flatMap(({ name, tree }) => {
        const text = readIfFile(join(tree, exercise.id, file));
        return text === undefined ? [] : [{ name, text }];
      });
      const reference = code.solutions ? readIfFile(join(code.solutions, exercise.id, file)) : undefined;
      if (sources.length === 0) continue;
      report.compared.push({
        exercise: exercise.id,
        file,
        learners: sources.length,
        reference: reference !== undefined,
      });
      if (reference !== undefined) sources.push({ name: REFERENCE, text: reference });
      if (sources.length < 2) continue;
      const starter = readIfFile(join(exercise.dir, file));
      report.matches.push(...matchesOf(exercise.id, file, sources, starter, code.threshold));
    }
  }
  if (!code.solutions) report.notes.push("no reference solutions here (a learner edition): learners compared only");
  const matches = withoutSharedReference(report.matches).sort(
    (a, b) => b.similarity - a.similarity || a.exercise.localeCompare(b.exercise) || a.left.localeCompare(b.left),
  );
  report.matches = matches.slice(0, MAX_MATCHES);
  if (matches.length > MAX_MATCHES) {
    report.notes.push(`${matches.length - MAX_MATCHES} more matches not listed: raise the threshold to see fewer`);
  }
  return report;
}

function matchesOf(
  exercise: string,
  file: string,
  sources: { name: string; text: string }[],
  starter: string | undefined,
  threshold: number,
): SimilarityMatch[] {
  const index = new FingerprintIndex(KGRAM_LENGTH, KGRAMS_IN_WINDOW, false);
  const tokenized = sources.map(({ name, text }) => codeTokens(name, text));
  index.addFiles(tokenized);
  if (starter !== undefined) index.addIgnoredFile(codeTokens("starter", starter));
  return index
    .allPairs()
    .filter((pair) => pair.similarity >= threshold)
    .map((pair) => {
      const swap =
        pair.leftFile.path === REFERENCE ||
        (pair.rightFile.path !== REFERENCE && pair.leftFile.path > pair.rightFile.path);
      const [left, right] = swap ? [pair.rightFile, pair.leftFile] : [pair.leftFile, pair.rightFile];
      return {
        exercise,
        file,
        left: left.path,
        right: right.path,
        reference: right.path === REFERENCE,
        similarity: Math.round(pair.similarity * 1000) / 1000,
        longest: pair.longest,
        fragments: fragmentsOf(pair, swap),
      };
    });
}

/**
 * The longest fragments of a pair, as lines of both files, the pair's left file first unless `swap`. Dolos's
 * fragments are runs of fingerprints, and two runs often share a line or follow one another: those are shown as
 * one span of lines, as a reader would mark them.
 */
function fragmentsOf(pair: Pair, swap: boolean): SimilarityMatch["fragments"] {
  const spans = pair
    .buildFragments()
    .map((fragment: Fragment) => ({ left: rows(fragment.leftSelection), right: rows(fragment.rightSelection) }))
    .sort((a, b) => a.left.from - b.left.from || a.right.from - b.right.from);
  const merged: typeof spans = [];
  for (const next of spans) {
    const last = merged.at(-1);
    const touches = (a: Rows, b: Rows) => b.from <= a.to + 1 && b.to >= a.from - 1;
    if (last && touches(last.left, next.left) && touches(last.right, next.right)) {
      last.left = { from: Math.min(last.left.from, next.left.from), to: Math.max(last.left.to, next.left.to) };
      last.right = { from: Math.min(last.right.from, next.right.from), to: Math.max(last.right.to, next.right.to) };
    } else merged.push({ ...next });
  }
  return merged
    .sort((a, b) => b.left.to - b.left.from - (a.left.to - a.left.from))
    .slice(0, FRAGMENTS)
    .map(({ left, right }) => {
      const shown = { left: span(pair.leftFile, left), right: span(pair.rightFile, right) };
      return swap ? { left: shown.right, right: shown.left } : shown;
    });
}

/** Rows of a file, from 0, both ends included. */
interface Rows {
  from: number;
  to: number;
}

function rows(region: { startRow: number; endRow: number }): Rows {
  return { from: region.startRow, to: region.endRow };
}

function span(file: TokenizedFile, rows: Rows): CodeSpan {
  const lines = file.lines.slice(rows.from, rows.to + 1);
  const shown = lines.slice(0, FRAGMENT_LINES);
  if (lines.length > FRAGMENT_LINES) shown.push(`… ${lines.length - FRAGMENT_LINES} more lines`);
  return { from: rows.from + 1, to: rows.to + 1, lines: shown };
}

/** Pairs of learners who both match the reference solution in the same file: listed under the reference alone. */
function withoutSharedReference(matches: SimilarityMatch[]): SimilarityMatch[] {
  const copiedReference = new Set(
    matches.filter((match) => match.reference).map((match) => `${match.exercise}/${match.file}/${match.left}`),
  );
  return matches.filter((match) => {
    if (match.reference) return true;
    const key = (learner: string) => `${match.exercise}/${match.file}/${learner}`;
    return !(copiedReference.has(key(match.left)) && copiedReference.has(key(match.right)));
  });
}

function readIfFile(path: string): string | undefined {
  return existsSync(path) ? readFileSync(path, "utf8") : undefined;
}
