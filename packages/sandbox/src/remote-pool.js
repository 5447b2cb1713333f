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
 * @param {object | undefined} poolPrototype `PiPool.prototype` of the @workshop/core the learner's code imports:
 *   to that code the pool is a PiPool (`pool instanceof PiPool`), as it is in one process.
 */
export function remotePool(proxy, facts, realm, poolPrototype) {
  const pool = Object.create(poolPrototype ?? Object.prototype);
  Object.defineProperties(pool, {
    threads: { value: Number(facts.pool), enumerable: true },
    // The judge's record, copied when read: the record itself is out of this process's reach.
    tasks: { get: () => /** @type {Record<string, unknown>} */ (proxy).tasks, enumerable: true },
    run: { value: (/** @type {unknown[]} */ ...args) => realm.invokeAsync(proxy, "run", args) },
    runTask: { value: (/** @type {unknown[]} */ ...args) => realm.invokeAsync(proxy, "runTask", args) },
    close: { value: () => realm.invokeAsync(proxy, "close", []) },
    [Symbol.asyncDispose]: { value: () => realm.invokeAsync(proxy, "close", []) },
  });
  // Anything else it is asked is the judge's pool's; going back to the judge, it is that pool again.
  return new Proxy(pool, {
    get(target, key, receiver) {
      return Object.hasOwn(target, key) ? Reflect.get(target, key, receiver) : Reflect.get(proxy, key);
    },
  });
}
