/**
 * Splits the tasks started in one tick into at most `count` batches, one message to a worker each.
 *
 * Each batch is a run of consecutive tasks, so the tasks keep their order. The batches share out the samples
 * rather than the tasks, so that one big task among small ones does not leave a thread idle at the end: each
 * batch takes tasks until it holds its share of the samples not yet given out. No batch is empty, and with
 * `count` or fewer tasks every task is a batch of its own.
 */
export function splitIntoBatches<T extends { samples: number }>(tasks: readonly T[], count: number): T[][] {
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`need a whole number of batches, got ${count}`);
  if (tasks.length <= count) return tasks.map((task) => [task]);
  const batches: T[][] = [];
  let samplesLeft = tasks.reduce((sum, task) => sum + task.samples, 0);
  let next = 0;
  while (batches.length < count - 1) {
    const batchesLeft = count - batches.length;
    const share = samplesLeft / batchesLeft;
    const batch: T[] = [];
    let samples = 0;
    // Take at least one task, and leave at least one for each batch still to come.
    while (next < tasks.length - (batchesLeft - 1) && (batch.length === 0 || samples < share)) {
      const task = tasks[next++] as T;
      batch.push(task);
      samples += task.samples;
    }
    batches.push(batch);
    samplesLeft -= samples;
  }
  batches.push(tasks.slice(next));
  return batches;
}
