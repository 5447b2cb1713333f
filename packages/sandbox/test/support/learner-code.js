// @ts-check
// Code as a learner's might be: generators, async functions, timers, callbacks, errors and printed lines.
import { writeFile } from "node:fs/promises";

export function* integers() {
  let n = 1;
  while (true) yield n++;
}

/** @param {number} count @param {Iterable<unknown>} source */
export function* take(count, source) {
  let taken = 0;
  if (count <= 0) return;
  for (const item of source) {
    yield item;
    if (++taken >= count) return;
  }
}

export const copied = { name: "data", values: [1, 2, 3], when: new Date(0), nested: { deep: [null, undefined] } };

/** @param {string} name */
export async function counter(name) {
  for (let i = 0; i < 3; i++) {
    console.log(`${name} ${i}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return `${name} done`;
}

export function stopwatch() {
  const startedAt = performance.now();
  return {
    seconds: /** @type {number | undefined} */ (undefined),
    stop() {
      this.seconds = (performance.now() - startedAt) / 1000;
      return this.seconds;
    },
  };
}

/** @param {(value: number) => number} callback */
export function callBack(callback) {
  return callback(20) + 1;
}

export function fail() {
  throw new RangeError("out of range, on purpose");
}

/** @param {{ run: (n: number) => Promise<number> }} pool */
export async function split(pool) {
  return (await Promise.all([pool.run(1), pool.run(2), pool.run(3)])).reduce((a, b) => a + b, 0);
}

/**
 * Runs `count` of the pool's tasks at once: more calls than a pipe holds go out in one go, while the answers
 * come back.
 *
 * @param {{ run: (n: number) => Promise<number> }} pool
 * @param {number} count
 */
export async function splitWide(pool, count) {
  const tasks = Array.from({ length: count }, (_, index) => pool.run(index));
  return (await Promise.all(tasks)).reduce((a, b) => a + b, 0);
}

/**
 * Settles at once, leaving a write to a file running: an await the code forgot.
 *
 * @param {string} file
 */
export async function forgetsToAwaitItsWrite(file) {
  void writeFile(file, "written late");
  return "returned";
}

/**
 * Computes on its own thread for `ms` milliseconds, inside an async function: nothing else of its process runs
 * meanwhile, and in one process the test's timers could not fire either.
 *
 * @param {number} ms
 */
export async function spinsAsync(ms) {
  const until = Date.now() + ms;
  while (Date.now() < until);
  return ms;
}
