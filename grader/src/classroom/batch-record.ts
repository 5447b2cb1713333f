import * as v from "valibot";
import type { NotGraded } from "./class-submissions.ts";
import { schemaProblems } from "./result-schema.ts";

export const BATCH_RECORD_KIND = "class-batch";

/**
 * What the class batches did, written to `<results>/_batch.json` beside the learners' results: whom they graded,
 * how often, what is still inconclusive, what they could not grade and why, and the due date. A batch of some
 * learners (one regraded, a late submission) updates their entries and keeps everyone else's and the due date.
 * The class summary reads it to list the learners it has no result for.
 */
export interface BatchRecord {
  kind: typeof BATCH_RECORD_KIND;
  startedAt: string;
  finishedAt: string;
  /** The bound on regrades the last batch was given. */
  regrades: number;
  /** The due date the class is graded against (`--due`, or the one recorded before), as an ISO date. */
  due?: string;
  graded: BatchEntry[];
  notGraded: NotGraded[];
}

export interface BatchEntry {
  name: string;
  file: string;
  score: number;
  maxScore: number;
  /** How many gradings went into the result: 1, plus one per regrade. */
  gradings: number;
  /** Exercises still inconclusive after the regrades. */
  inconclusive: string[];
}

const count = v.pipe(v.number(), v.finite(), v.minValue(0));
const batchRecordSchema = v.object({
  kind: v.literal(BATCH_RECORD_KIND),
  startedAt: v.string(),
  finishedAt: v.string(),
  regrades: count,
  due: v.optional(v.pipe(v.string(), v.isoTimestamp())),
  graded: v.array(
    v.object({
      name: v.string(),
      file: v.string(),
      score: count,
      maxScore: count,
      gradings: count,
      inconclusive: v.array(v.string()),
    }),
  ),
  notGraded: v.array(v.object({ name: v.string(), problem: v.string() })),
});

/** `value` as a batch record, or what is wrong with it. */
export function readBatchRecord(value: unknown): BatchRecord | string {
  const parsed = v.safeParse(batchRecordSchema, value);
  return parsed.success ? parsed.output : `not a valid batch record: ${schemaProblems(parsed.issues)}`;
}

/**
 * The record after a batch of some learners: theirs replaced (graded or not), everyone else's kept, in name
 * order; the due date the batch was given, or else the one recorded.
 */
export function mergeBatchRecords(earlier: BatchRecord | undefined, batch: BatchRecord): BatchRecord {
  if (!earlier) return batch;
  const redone = new Set([...batch.graded, ...batch.notGraded].map((entry) => entry.name));
  const byName = <T extends { name: string }>(a: T, b: T) => a.name.localeCompare(b.name);
  const merged: BatchRecord = {
    ...batch,
    graded: [...earlier.graded.filter((entry) => !redone.has(entry.name)), ...batch.graded].sort(byName),
    notGraded: [...earlier.notGraded.filter((entry) => !redone.has(entry.name)), ...batch.notGraded].sort(byName),
  };
  const due = batch.due ?? earlier.due;
  if (due) merged.due = due;
  return merged;
}
