import { availableParallelism, loadavg } from "node:os";

/**
 * The cores the grader measures with: the machine's (`os.availableParallelism()`), unless `WORKSHOP_CORES` says
 * otherwise. The override is for simulating another machine in the grader's own tests, where it proves the
 * structure of the checks (what is required, how work is sized) and nothing about timing: the real cores are
 * still the ones the machine has.
 */
export function graderCores(env: NodeJS.ProcessEnv = process.env): number {
  const override = env.WORKSHOP_CORES;
  if (override === undefined || override === "") return availableParallelism();
  const cores = Number(override);
  if (!Number.isInteger(cores) || cores < 1 || cores > 1024) {
    throw new Error(`WORKSHOP_CORES must be a whole number of cores from 1 to 1024, not "${override}"`);
  }
  return cores;
}

/**
 * The cores this process can really run on (`os.availableParallelism()`, which respects `taskset` and CPU
 * affinity), whatever `WORKSHOP_CORES` says: what a timing can use. Above it, an override only simulates.
 */
export function machineCores(): number {
  return availableParallelism();
}

/** The machine's load over the last minute: the mean number of processes that wanted a core. */
export function loadAverage(): number {
  return Number((loadavg()[0] ?? 0).toFixed(2));
}
