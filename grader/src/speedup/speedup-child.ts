// The speedup process: started by check-speedup.ts with tsx, killed by it at a hard wall-clock limit. It imports
// the learner's code, hands it a pool the grader watches, and sends back one SpeedupReport.
import { register } from "node:module";
import { pathToFileURL } from "node:url";
import { createPiPool, type PiPool } from "@workshop/core";
import { displayPath } from "../paths.ts";
import type { SpeedupReport } from "../result.ts";
import { gateReport, unmeasuredReport } from "./build-report.ts";
import { describeError } from "./describe-error.ts";
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

async function importExports(file: string): Promise<Record<string, unknown>> {
  return (await import(pathToFileURL(file).href)) as Record<string, unknown>;
}

function isEfficiencyModule(module: Record<string, unknown>): module is Record<string, unknown> & EfficiencyModule {
  return ["sweep", "overheadPerTask", "savePlot"].every((name) => typeof module[name] === "function");
}

async function measure(pool: PiPool): Promise<SpeedupReport> {
  // Watch every pool before the learner's code is loaded, so that even a pool it makes at import time is seen.
  const recorder = watchPools(pool);
  const split = (await importExports(request.splitFile)).calcPiSplit;
  if (typeof split !== "function") {
    return unmeasuredReport(
      "failed",
      `${displayPath(request.splitFile)} does not export a function calcPiSplit`,
      cores,
    );
  }
  const gate = new SplitGate(split as SplitFunction, pool, recorder, cores);
  const structural = await gate.checkStructure();
  if (structural) return unmeasuredReport("failed", structural, cores);
  let overheadPerTaskUs: number | undefined;
  if (request.sweepFile) {
    const study = await importExports(request.sweepFile);
    if (!isEfficiencyModule(study)) {
      return unmeasuredReport(
        "failed",
        `${displayPath(request.sweepFile)} does not export sweep, overheadPerTask and savePlot`,
        cores,
      );
    }
    const swept = await checkSweep(study, pool, recorder);
    overheadPerTaskUs = swept.overheadPerTaskUs;
    if (swept.problem) return unmeasuredReport("failed", swept.problem, cores, { overheadPerTaskUs });
  }
  await send({ type: "checked" });
  return gateReport(await gate.measure(), cores, overheadPerTaskUs);
}

async function main(): Promise<void> {
  if (request.outsideTree) {
    const { target, exercisesDir } = request.outsideTree;
    register(new URL("./outside-tree-hooks.ts", import.meta.url), {
      data: {
        targetUrl: pathToFileURL(`${target}/`).href,
        exercisesPackageUrl: pathToFileURL(`${exercisesDir}/package.json`).href,
      },
    });
  }
  const pool = await createPiPool({ threads: cores });
  let report: SpeedupReport;
  try {
    report = await measure(pool);
  } catch (error) {
    report = unmeasuredReport("failed", `the speedup check could not run your code: ${describeError(error)}`, cores);
  }
  if (escaped !== undefined && report.verdict !== "failed") {
    report = unmeasuredReport("failed", `an error escaped your code during the speedup check: ${escaped}`, cores);
  }
  await send({ type: "report", report });
  // Tasks the learner's code left running would keep the pool busy; the report is sent, so stop everything.
  process.exit(0);
}

void main();
