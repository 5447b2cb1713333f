// @ts-check
// The learner's side of a worker pool the judge hands it: the judge runs and times every task on its own
// threads, so the tasks, their clock and their record never run where the learner's code does. `run` and
// `runTask` go to the judge without waiting, and the calls of one tick travel together, so the pool there
// still sends the tasks of one tick to its workers together, as it does when the code runs beside it.
/** @import { Realm } from "./realm.js" */

/**
 * @param {object} proxy The judge's pool, as a proxy.
 * @param {Record<string, unknown>} facts What the judge said of it with the reference (its threads).
 * @param {Realm} realm
 */
export function remotePool(proxy, facts, realm) {
  const threads = Number(facts.pool);
  const pool = {
    threads,
    /** The judge's record, copied now: its own is out of this process's reach. */
    get tasks() {
      return /** @type {Record<string, unknown>} */ (proxy).tasks;
    },
    run(/** @type {unknown[]} */ ...args) {
      return realm.invokeAsync(proxy, "run", args);
    },
    runTask(/** @type {unknown[]} */ ...args) {
      return realm.invokeAsync(proxy, "runTask", args);
    },
    close() {
      return realm.invokeAsync(proxy, "close", []);
    },
    [Symbol.asyncDispose]() {
      return realm.invokeAsync(proxy, "close", []);
    },
  };
  // Going back to the judge, it is the judge's pool again.
  return new Proxy(pool, {
    get(target, key, receiver) {
      return key in target ? Reflect.get(target, key, receiver) : Reflect.get(proxy, key);
    },
  });
}
