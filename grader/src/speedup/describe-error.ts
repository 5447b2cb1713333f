/** What was thrown, in one line a learner can read: `RangeError: tasks must be ...`. */
export function describeError(thrown: unknown): string {
  return thrown instanceof Error ? `${thrown.name}: ${thrown.message}` : String(thrown);
}
