import { availableParallelism, cpus, loadavg, totalmem } from "node:os";

/** The machine the figures were measured on, for the JSON file: figures from different machines do not compare. */
export function describeMachine() {
  return {
    cores: availableParallelism(),
    cpuModel: cpus()[0]?.model.trim() ?? "unknown",
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    /** Other processes' load (1, 5, 15 minutes) when the bench started: a busy machine spreads every figure. */
    loadAverageAtStart: loadavg().map((load) => Number(load.toFixed(2))),
  };
}
