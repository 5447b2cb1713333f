import type { SpeedupProblem, SpeedupReport } from "../result.ts";
import type { GateOutcome } from "./split-gate.ts";
import { coresGot, requiredSpeedup, timingReason } from "./timing-rules.ts";

/** What an unmeasured report says: why, which rule if a structural one, and what was measured on the way. */
export interface Unmeasured extends Partial<Pick<SpeedupReport, "ratios" | "windows" | "overheadPerTaskUs">> {
  reason: string;
  cores: number;
  problem?: SpeedupProblem;
}

/** A report with no timing: a problem found before (or instead of) it, or a check that could not time. */
export function unmeasuredReport(verdict: SpeedupReport["verdict"], details: Unmeasured): SpeedupReport {
  const report: SpeedupReport = {
    verdict,
    reason: details.reason,
    cores: details.cores,
    required: requiredSpeedup(details.cores),
    ratios: details.ratios ?? [],
    windows: details.windows ?? 0,
  };
  if (details.problem) report.problem = details.problem;
  if (details.overheadPerTaskUs !== undefined) report.overheadPerTaskUs = round(details.overheadPerTaskUs, 1);
  return report;
}

/** The report of a gate that ran: the structural problem if it found one, else what the timing decided. */
export function gateReport(outcome: GateOutcome, cores: number, overheadPerTaskUs?: number): SpeedupReport {
  const ratios = outcome.windows.flatMap((window) => window.ratios.map((ratio) => round(ratio, 3)));
  const measuredSoFar = {
    cores,
    ratios,
    windows: outcome.windows.length,
    ...(overheadPerTaskUs === undefined ? {} : { overheadPerTaskUs }),
  };
  if (outcome.problem !== undefined) return unmeasuredReport("failed", { ...measuredSoFar, ...outcome.problem });
  const latest = outcome.windows.at(-1);
  const decision = outcome.decision;
  if (!latest || decision === undefined || decision === "measure-again") {
    return unmeasuredReport("inconclusive", {
      ...measuredSoFar,
      reason: "the measurement stopped before it could decide",
    });
  }
  const report = unmeasuredReport(decision, {
    ...measuredSoFar,
    reason: timingReason(decision, outcome.windows, cores),
    ...(decision === "failed" ? { problem: "slow" as const } : {}),
  });
  report.measured = round(latest.median, 3);
  report.efficiency = round(latest.median / cores, 3);
  report.coresGot = coresGot(latest);
  return report;
}

function round(value: number, digits: number): number {
  return Number(value.toFixed(digits));
}
