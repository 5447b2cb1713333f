// Plots live at "@workshop/core/plot": vega is large, and only the efficiency study needs it.
export { isEntryPoint } from "./entry-point.ts";
export { calcPi, calcPiMathRandom, countHits } from "./kernel/calc-pi.ts";
export { randomSeed, taskSeed } from "./kernel/seeds.ts";
export { createPiPool, openPoolCount, PiPool, type PiPoolOptions } from "./pool/pi-pool.ts";
export type { PiTask, PiTaskResult } from "./pool/task.ts";
export { sleep } from "./sleep.ts";
