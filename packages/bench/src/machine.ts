import { cpus, loadavg, totalmem } from "node:os";
import { machineCoreCount } from "@workshop/grader/machine";

/** The machine the figures were measured on, for the JSON file: figures from different machines do not compare. */
export function describeMachine() {
  // Counted as the grader counts them: the CPU affinity, or a container's CPU quota when it is smaller.
  const cores = machineCoreCount();
  return {
    cores: cores.cores,
    /** Where the count comes from: "all the machine has", "CPU quota 2 of 16", "CPU affinity 4 of 16". */
    coresFrom: cores.from,
    cpuModel: cpus()[0]?.model.trim() ?? "unknown",
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    /** Other processes' load (1, 5, 15 minutes) when the bench started: a busy machine spreads every figure. */
    loadAverageAtStart: loadavg().map((load) => Number(load.toFixed(2))),
  };
}
