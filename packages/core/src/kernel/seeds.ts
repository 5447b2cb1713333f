import { randomInt } from "node:crypto";

/**
 * Seeds for split tasks. Every task gets its own seed, so tasks never draw the same samples: with one shared
 * seed, ten tasks of 10^7 samples would be one task repeated ten times, and the estimate no better than one.
 *
 * splitmix32 spreads consecutive task numbers over the whole 32-bit range, so seeds 1, 2, 3 do not give
 * generators whose streams start out correlated.
 */
export function taskSeed(baseSeed: number, taskNumber: number): number {
  let z = (baseSeed + Math.imul(taskNumber + 1, 0x9e3779b9)) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/** A fresh base seed, for runs that should differ from each other (the default). */
export function randomSeed(): number {
  return randomInt(1, 2 ** 32 - 1);
}
