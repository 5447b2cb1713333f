// The grader's session factory with a simulated busy machine (simulated-busy.mjs), for the sessions
// WORKSHOP_SIMULATE_BUSY names: a class batch's by learner (`ken:08-pi-split`), `pnpm grade`'s by mode
// (`practice:08-pi-split`, `graded:08-pi-split`). hooks.mjs names the real factory in this module's URL.
import { simulatedBusyMachine } from "./simulated-busy.mjs";

const real = new URL(import.meta.url).searchParams.get("real");
if (!real) throw new Error("busy-session.mjs is loaded through hooks.mjs, which names the real session factory");
/** @type {typeof import("../../../src/pipeline/create-session.ts")} */
const factory = await import(real);
/** @type {typeof import("../../../src/speedup/check-speedup.ts")} */
const speedup = await import(new URL(`../speedup/check-speedup${real.slice(-3)}`, real).href);
const simulate = simulatedBusyMachine(process.env, speedup.checkSpeedup);

/** @type {typeof factory.createGradingSession} */
export function createGradingSession(options) {
  const measureSpeedup = simulate?.(options.submission?.info.name ?? options.mode);
  return factory.createGradingSession(measureSpeedup ? { ...options, measureSpeedup } : options);
}
