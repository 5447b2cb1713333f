/** A figure from repeated runs: the median, and the smallest and largest run, to show how much they spread. */
export interface Summary {
  median: number;
  min: number;
  max: number;
  runs: number[];
}

export function summarize(runs: readonly number[]): Summary {
  if (runs.length === 0) throw new RangeError("a summary needs at least one run");
  const sorted = [...runs].sort((a, b) => a - b);
  return { median: median(sorted), min: sorted[0] as number, max: sorted.at(-1) as number, runs: [...runs] };
}

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError("the median of no values");
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/** The least-squares line through the points `(xs[i], ys[i])`. */
export function linearFit(xs: readonly number[], ys: readonly number[]): { slope: number; intercept: number } {
  if (xs.length !== ys.length) throw new RangeError(`${xs.length} x values for ${ys.length} y values`);
  if (new Set(xs).size < 2) throw new RangeError("a line needs points at two or more different x values");
  const meanX = xs.reduce((sum, x) => sum + x, 0) / xs.length;
  const meanY = ys.reduce((sum, y) => sum + y, 0) / ys.length;
  let covariance = 0;
  let variance = 0;
  for (const [i, x] of xs.entries()) {
    covariance += (x - meanX) * ((ys[i] as number) - meanY);
    variance += (x - meanX) ** 2;
  }
  const slope = covariance / variance;
  return { slope, intercept: meanY - slope * meanX };
}
