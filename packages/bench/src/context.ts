import type { Figure } from "./figure.ts";
import type { Progress } from "./progress.ts";

export interface BenchContext {
  progress: Progress;
  /** `--quick`: fewer runs of everything, for trying the bench out; its spreads mean less. */
  quick: boolean;
}

/** What a section hands back: its lines of the table, and any data the JSON file and the plot need. */
export interface SectionResult {
  figures: Figure[];
  data?: Record<string, unknown>;
}

export interface Section {
  /** The name `--only` selects it by. */
  id: string;
  title: string;
  run(context: BenchContext): Promise<SectionResult>;
}

/** How many times to run a measurement: `full` normally, fewer with `--quick` (never fewer than 3). */
export function runs(context: BenchContext, full: number): number {
  return context.quick ? Math.min(full, 3) : full;
}
