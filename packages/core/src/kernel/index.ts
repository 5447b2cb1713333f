export { assertSampleCount, calcPi, calcPiMathRandom, countHits } from "./calc-pi.ts";
export { randomSeed, taskSeed } from "./seeds.ts";
export { initialState, nextState } from "./xorshift32.ts";
