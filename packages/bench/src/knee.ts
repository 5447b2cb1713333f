/** One row of a sweep: the time at `njobs` tasks. */
export interface SweepPoint {
  njobs: number;
  seconds: number;
}

/** How much slower than the fastest the curve must get to count as past its knee: overhead half the work. */
export const KNEE_FACTOR = 1.5;

/**
 * Where a sweep is fastest, and its knee: the first number of tasks beyond the fastest from which on every time
 * is at least KNEE_FACTOR times the fastest, i.e. where the tasks' overhead has grown to half the work and stays
 * above. One slow point on the flat bottom (another process took a core for a moment) is not a knee. `knee` is
 * undefined when the sweep does not end that slow.
 */
export function minimumAndKnee(points: readonly SweepPoint[]): { best: SweepPoint; knee: SweepPoint | undefined } {
  const first = points[0];
  if (first === undefined) throw new RangeError("an empty sweep has no minimum");
  const best = points.reduce((a, b) => (b.seconds < a.seconds ? b : a), first);
  const slow = (p: SweepPoint) => p.seconds >= KNEE_FACTOR * best.seconds;
  const knee = points.find((p, i) => p.njobs > best.njobs && points.slice(i).every(slow));
  return { best, knee };
}
