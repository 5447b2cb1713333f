// The speedup process, the judge of a speedup: started by check-speedup.ts, killed by it at a hard wall-clock
// limit. It runs the pool, the clock and the record of tasks, hands the learner's split that pool, and sends back
// one SpeedupReport. In a practice run it loads the learner's code itself (started with tsx and the test-kit's tree
// hooks, so the tree's imports resolve as the tests resolve them); in a graded run the code runs in a sandboxed
// process of its own, and this one runs in a sandbox too (learner-side.ts).
import { createPiPool, type PiPool } from "@workshop/core";
import type { SpeedupReport } from "../result.ts";
import { gateReport, unmeasuredReport } from "./build-report.ts";
import { describeError } from "./describe-error.ts";
import { type LearnerSide, sameProcess, sandboxedProcess } from "./learner-side.ts";
import type { SpeedupMessage, SpeedupRequest } from "./protocol.ts";
import { type SplitFunction, SplitGate } from "./split-gate.ts";
import { checkSweep, type EfficiencyModule } from "./sweep-check.ts";
import { watchPools } from "./task-recorder.ts";

const request = JSON.parse(process.argv[2] ?? "{}") as SpeedupRequest;
const { cores } = request;

// The grader is gone (killed, or interrupted): nobody is waiting for the measurement.
process.on("disconnect", () => process.exit(0));
// A task the learner's code started and never awaited may reject later; note it, rather than crash before the
// report is sent.
let escaped: string | undefined;
process.on("unhandledRejection", (reason) => {
  escaped ??= describeError(reason);
});

function send(message: SpeedupMessage): Promise<void> {
  return new Promise((resolve) => {
    if (!process.send) resolve();
    else process.send(message, () => resolve());
  });
}

async function measure(pool: PiPool): Promise<SpeedupReport> {
  // Watch every pool before the learner's code is loaded, so that even a pool it makes at import time is seen.
  const recorder = watchPools(pool);
  const learner: LearnerSide = request.acrossBoundary ? await sandboxedProcess(request.tree) : sameProcess(recorder);
  try {
    return await measureWith(pool, recorder, learner);
  } finally {
    learner.close();
  }
}

async function measureWith(
  pool: PiPool,
  recorder: ReturnType<typeof watchPools>,
  learner: LearnerSide,
): Promise<SpeedupReport> {
  const split = (await learner.load(request.splitFile))[request.splitExport];
  if (typeof split !== "function") {
    const reason = `${request.splitShown} does not export a function ${request.splitExport}`;
    return unmeasuredReport("failed", { reason, problem: "not-a-number", cores });
  }
  const gate = new SplitGate(split as SplitFunction, request.splitExport, pool, { recorder, learner }, cores);
  const structural = await gate.checkStructure();
  if (structural) return unmeasuredReport("failed", { ...structural, cores });
  let overheadPerTaskUs: number | undefined;
  let sweepRows: { njobs: number; seconds: number }[] | undefined;
  if (request.efficiency) {
    const contract = request.efficiency;
    const exports = await learner.load(contract.file);
    const names = [contract.sweep, contract.overheadPerTask, contract.savePlot];
    if (names.some((name) => typeof exports[name] !== "function")) {
      const reason = `${contract.shown} does not export ${names.join(", ")}`;
      return unmeasuredReport("failed", { reason, problem: "sweep", cores });
    }
    const study = {
      sweep: exports[contract.sweep],
      overheadPerTask: exports[contract.overheadPerTask],
      savePlot: exports[contract.savePlot],
    } as EfficiencyModule;
    const swept = await checkSweep(study, pool, recorder, contract);
    overheadPerTaskUs = swept.overheadPerTaskUs;
    sweepRows = swept.rows;
    if (swept.problem) {
      return unmeasuredReport("failed", {
        reason: swept.problem,
        problem: "sweep",
        cores,
        ...optional(overheadPerTaskUs),
      });
    }
  }
  await send({ type: "checked" });
  // One core cannot show a speedup, and simulated cores cannot be timed: the structure is all there is to check.
  if (request.untimed !== undefined) {
    const report = unmeasuredReport("structure-only", {
      reason: request.untimed,
      cores,
      ...optional(overheadPerTaskUs),
    });
    if (sweepRows) report.sweep = sweepRows;
    return report;
  }
  const outcome = await gate.measure((ratios) => void send({ type: "progress", pairs: ratios.length, ratios }));
  const report = gateReport(outcome, cores, overheadPerTaskUs);
  if (sweepRows) report.sweep = sweepRows;
  return report;
}

function optional(overheadPerTaskUs: number | undefined): { overheadPerTaskUs?: number } {
  return overheadPerTaskUs === undefined ? {} : { overheadPerTaskUs };
}

async function main(): Promise<void> {
  const pool = await createPiPool({ threads: request.threads });
  let report: SpeedupReport;
  try {
    report = await measure(pool);
  } catch (error) {
    const reason = `the speedup check could not run your code: ${describeError(error)}`;
    report = unmeasuredReport("failed", { reason, problem: "threw", cores });
  }
  if (escaped !== undefined && report.verdict !== "failed") {
    const reason = `an error escaped your code during the speedup check: ${escaped}`;
    report = unmeasuredReport("failed", { reason, problem: "threw", cores });
  }
  await send({ type: "report", report });
  // Tasks the learner's code left running would keep the pool busy; the report is sent, so stop everything.
  process.exit(0);
}

void main();
