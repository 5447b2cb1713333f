/** @typedef {typeof import("../../../src/speedup/check-speedup.ts").checkSpeedup} MeasureSpeedup */

/**
 * `WORKSHOP_SIMULATE_BUSY=ken:08-pi-split[:times],...`: for the grader's own tests, which need an inconclusive
 * speedup on demand (a real busy machine cannot be ordered). The first `times` (1) speedups of that learner's (or
 * mode's) exercise are really measured by `measure`, and a pass then reads as a busy machine's `inconclusive`; a
 * failure stays a failure. Undefined when unset; returns, for a learner, the measure to grade them with.
 * @param {NodeJS.ProcessEnv} env
 * @param {MeasureSpeedup} measure
 * @returns {((learner: string) => MeasureSpeedup | undefined) | undefined}
 */
export function simulatedBusyMachine(env, measure) {
  const setting = env.WORKSHOP_SIMULATE_BUSY?.trim();
  if (!setting) return undefined;
  /** @type {Map<string, number>} */
  const left = new Map();
  for (const item of setting.split(",")) {
    const [learner, exercise, times = "1"] = item.trim().split(":");
    if (!learner || !exercise || !/^\d+$/.test(times)) {
      throw new Error(`WORKSHOP_SIMULATE_BUSY: "${item}" is not learner:exercise-id[:times]`);
    }
    left.set(`${learner}:${exercise}`, Number(times));
  }
  return (learner) => {
    if (![...left.keys()].some((key) => key.startsWith(`${learner}:`))) return undefined;
    return async (exercise, tree, options) => {
      const report = await measure(exercise, tree, options);
      const key = `${learner}:${exercise.id}`;
      const times = left.get(key) ?? 0;
      if (!report || times === 0 || (report.verdict !== "passed" && report.verdict !== "structure-only")) {
        return report;
      }
      left.set(key, times - 1);
      return {
        ...report,
        verdict: "inconclusive",
        reason: "the machine was too busy to time the speedup (simulated by WORKSHOP_SIMULATE_BUSY)",
      };
    };
  };
}
