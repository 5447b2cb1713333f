import type { PiTaskResult } from "./task.ts";

/**
 * Adds the tasks of a finished batch to the pool's log, keeping the log in the order the tasks finished.
 *
 * A batch comes back all at once, when its last task is done, while another thread's batch may have had tasks
 * finishing in between: appending would put them out of order. The tasks of one batch ran one after the other,
 * so they are already in order, and only the log's last few entries can have finished later than the first of
 * them: the two runs are merged from there.
 */
export function logFinished(log: PiTaskResult[], finished: readonly PiTaskResult[]): void {
  const batch = isInOrder(finished) ? finished : [...finished].sort((a, b) => a.endedAt - b.endedAt);
  const first = batch[0];
  if (first === undefined) return;
  let from = log.length;
  while (from > 0 && (log[from - 1] as PiTaskResult).endedAt > first.endedAt) from--;
  const later = log.splice(from);
  let i = 0;
  let j = 0;
  while (i < later.length || j < batch.length) {
    const a = later[i];
    const b = batch[j];
    // On a tie the entry already logged stays first, so a log that needs no reordering is only appended to.
    if (b === undefined || (a !== undefined && a.endedAt <= b.endedAt)) {
      log.push(a as PiTaskResult);
      i++;
    } else {
      log.push(b);
      j++;
    }
  }
}

function isInOrder(results: readonly PiTaskResult[]): boolean {
  for (let i = 1; i < results.length; i++) {
    if ((results[i] as PiTaskResult).endedAt < (results[i - 1] as PiTaskResult).endedAt) return false;
  }
  return true;
}
