import { type Summary, summarize } from "./stats.ts";

/** What a figure should reach: at least or at most a value, compared with its median. */
export type Target = { atLeast: number } | { atMost: number };

/** One line of the bench's table and one entry of its JSON file. */
export interface Figure {
  /** Stable name for scripts reading the JSON, e.g. `kernel.vsMathRandom`. */
  id: string;
  label: string;
  unit: string;
  /** `null` when the figure could not be measured here; `note` then says why. */
  summary: Summary | null;
  target?: Target;
  /** What the figure is set beside (the lesson's number, the figure it is a ratio of), or why it is missing. */
  note?: string;
}

export function measured(
  id: string,
  label: string,
  unit: string,
  runs: readonly number[],
  extra: { target?: Target; note?: string } = {},
): Figure {
  return { id, label, unit, summary: summarize(runs), ...extra };
}

export function skipped(id: string, label: string, unit: string, why: string, target?: Target): Figure {
  return { id, label, unit, summary: null, note: why, ...(target ? { target } : {}) };
}

/** Whether the median meets the target: `undefined` when there is no target or nothing was measured. */
export function verdict(figure: Figure): "met" | "missed" | undefined {
  if (!figure.target || !figure.summary) return undefined;
  const { median } = figure.summary;
  const met = "atLeast" in figure.target ? median >= figure.target.atLeast : median <= figure.target.atMost;
  return met ? "met" : "missed";
}

/**
 * The ratio of two figures measured side by side in separate runs: the ratio of the medians, spread from the
 * least to the most favourable pairing of their runs. (Figures measured in pairs take the ratio run by run.)
 */
export function ratioOfMedians(numerator: Summary, denominator: Summary): Summary {
  return {
    median: numerator.median / denominator.median,
    min: numerator.min / denominator.max,
    max: numerator.max / denominator.min,
    runs: [],
  };
}
