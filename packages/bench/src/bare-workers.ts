import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";

const plainWorker = fileURLToPath(new URL("../fixtures/plain-worker.js", import.meta.url));

/**
 * Bare worker threads running the kernel's loop in plain JavaScript, one task per message, no pool library:
 * the baseline that shows what the machine itself gives two threads, beside what the pool gets.
 */
export class BareWorkers implements AsyncDisposable {
  readonly #workers: Worker[];

  constructor(count: number) {
    this.#workers = Array.from({ length: count }, () => new Worker(plainWorker));
  }

  /** Seconds for the first `workers` workers to count `samples` samples each, all at once. */
  async time(samples: number, workers: number): Promise<number> {
    const start = performance.now();
    await Promise.all(this.#workers.slice(0, workers).map((worker, i) => this.#run(worker, samples, i + 1)));
    return (performance.now() - start) / 1000;
  }

  /** Runs a few small tasks on every worker, so that V8 has compiled the loop before anything is timed. */
  async warmUp(): Promise<void> {
    for (let round = 0; round < 4; round++) await this.time(1 << 16, this.#workers.length);
  }

  #run(worker: Worker, samples: number, seed: number): Promise<unknown> {
    return new Promise((resolve, reject) => {
      worker.once("message", resolve);
      worker.once("error", reject);
      worker.postMessage({ samples, seed });
    });
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await Promise.all(this.#workers.map((worker) => worker.terminate()));
  }
}
