import type { SpeedupReport } from "../result.ts";
import type { GateOutcome } from "./split-gate.ts";
import { requiredSpeedup, timingReason } from "./timing-rules.ts";

/** A report with no measurement: a problem found before (or instead of) timing, or a check that did not run. */
export function unmeasuredReport(
  verdict: SpeedupReport["verdict"],
  reason: string,
  cores: number,
  extra: Partial<Pick<SpeedupReport, "ratios" | "windows" | "overheadPerTaskUs">> = {},
): SpeedupReport {
  const report: SpeedupReport = {
    verdict,
    reason,
    cores,
    required: requiredSpeedup(cores),
    ratios: extra.ratios ?? [],
    windows: extra.windows ?? 0,
  };
  if (extra.overheadPerTaskUs !== undefined) report.overheadPerTaskUs = round(extra.overheadPerTaskUs, 1);
  return report;
}

/** The report of a gate that ran: the structural problem if it found one, else what the timing decided. */
export function gateReport(outcome: GateOutcome, cores: number, overheadPerTaskUs?: number): SpeedupReport {
  const ratios = outcome.windows.flatMap((window) => window.ratios.map((ratio) => round(ratio, 3)));
  const extra = {
    ratios,
    windows: outcome.windows.length,
    ...(overheadPerTaskUs === undefined ? {} : { overheadPerTaskUs }),
  };
  if (outcome.problem !== undefined) return unmeasuredReport("failed", outcome.problem, cores, extra);
  const latest = outcome.windows.at(-1);
  const decision = outcome.decision;
  if (!latest || decision === undefined || decision === "measure-again") {
    return unmeasuredReport("inconclusive", "the measurement stopped before it could decide", cores, extra);
  }
  const report = unmeasuredReport(decision, timingReason(decision, outcome.windows, cores), cores, extra);
  report.measured = round(latest.median, 3);
  report.efficiency = round(latest.median / cores, 3);
  return report;
}

function round(value: number, digits: number): number {
  return Number(value.toFixed(digits));
}
