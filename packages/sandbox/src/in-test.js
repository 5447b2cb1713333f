// @ts-check
// The learner's code as a graded run's test file sees it, inside the judge's vitest worker: each test file has
// a learner's process of its own (started by the judge's test process, named in WORKSHOP_LEARNER_CHANNELS), and
// the test's imports of the learner's files are proxies of that process's modules (see test-kit's
// redirect-plugin.js). A graded run's test files run one after another in one worker thread (test-kit's
// fresh-test-file.js), which loads this module once: its state is kept by test file.
//
// Every test file's worker loads this module (test-kit's setup file and helpers import it), practice runs too: what
// only a graded run needs, the channel and the realm, is loaded when a learner's process is first used, which
// keeps about a tenth of a second off every practice run's test file.
/** @import { Realm } from "./realm.js" */

/**
 * The environment variable that maps each test file to its learner's channel: `{ [file]: { folder, pid, polled }
 * }`, where `polled` is the judge's polled end, opened by the judge's main thread (channel.js's `openPolledEnd`).
 */
export const LEARNER_CHANNELS_ENV = "WORKSHOP_LEARNER_CHANNELS";

/**
 * Each test file's learner's realm, connected on its first use; and once connected, the realm itself.
 *
 * @typedef {{ connecting: Promise<Realm>, realm?: Realm }} Connection
 * @type {Map<string, Connection>}
 */
const realms = new Map();
/** realm.js's own test of a proxy, loaded with the realm. @type {((value: unknown) => unknown) | undefined} */
let referenceOf;

/** Whether this test process judges a learner's code across the boundary. */
export function judgingAcrossBoundary() {
  return Boolean(process.env[LEARNER_CHANNELS_ENV]);
}

/** The test file running now in this thread, as vitest names it. */
function currentTestFile() {
  return /** @type {{ __vitest_worker__?: { filepath?: string } }} */ (globalThis).__vitest_worker__?.filepath ?? "";
}

/** The realm of this test file's learner's process, connected on first use. */
function learnerRealm() {
  const file = currentTestFile();
  const known = realms.get(file);
  if (known) return known.connecting;
  /** @type {Connection} */
  const connection = { connecting: connect(file) };
  // Kept for the calls that cannot wait for it; registered before any caller awaits the connection, so it is kept
  // before their code goes on.
  connection.connecting.then(
    (realm) => {
      connection.realm = realm;
    },
    () => {},
  );
  realms.set(file, connection);
  return connection.connecting;
}

/** This test file's realm, if its learner's process was used. */
function connectedRealm() {
  return realms.get(currentTestFile())?.realm;
}

/**
 * Ends the channels of the test files that ran before this one in the thread: their learner's processes end with
 * them, and nothing those send later (a timer's line, a late error) reaches this file's tests. A worker of the
 * file's own would have ended, and its channel with it.
 */
export function endEarlierTestFiles() {
  const file = currentTestFile();
  for (const [earlier, entry] of realms) {
    if (earlier === file) continue;
    realms.delete(earlier);
    void entry.connecting.then(
      (realm) => realm.disconnect(),
      () => {},
    );
  }
}

/**
 * @param {string} file
 * @returns {Promise<Realm>}
 */
async function connect(file) {
  const [{ connectToLearner }, realmModule] = await Promise.all([import("./judge.js"), import("./realm.js")]);
  const channels = JSON.parse(process.env[LEARNER_CHANNELS_ENV] ?? "{}");
  const channel = file ? channels[file] : undefined;
  if (!channel) throw new Error(`the judge started no learner's process for ${file || "this test file"}`);
  const pid = Number(channel.pid);
  const alive = () => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  const realm = connectToLearner(
    String(channel.folder),
    alive,
    () => {
      try {
        process.kill(pid, "SIGKILL");
      } catch {
        // Gone already.
      }
    },
    Number(channel.polled),
  );
  referenceOf = realmModule.referenceOf;
  return realm;
}

/** Exported by every module of proxies (test-kit's learner-module.js): a module without it is a test's mock. */
export const LEARNER_MODULE_MARK = "__workshopLearnerModule";

/**
 * The learner's module at `file`, loaded in the learner's process: its exports are proxies.
 *
 * `uses` are the modules of the earlier exercises the file's exercise builds on, as this test file imports
 * them: where a test replaced one (`vi.mock`), the learner's code gets the replacement too, as it would in one
 * process, so a test can count what the code pulls from an earlier exercise's generator.
 *
 * @param {string} file
 * @param {Record<string, Record<string, unknown>>} [uses] Modules by their file in the tree.
 * @returns {Promise<Record<string, unknown>>}
 */
export async function learnerModule(file, uses = {}) {
  const realm = await learnerRealm();
  for (const [used, exports] of Object.entries(uses)) {
    if (LEARNER_MODULE_MARK in exports) continue;
    const encoded = Object.fromEntries(Object.keys(exports).map((name) => [name, realm.encode(exports[name])]));
    realm.request("stand-in", { file: used, exports: encoded });
  }
  return /** @type {Promise<Record<string, unknown>>} */ (realm.request("import", { file }));
}

/** Pools the learner's code made and left open, in its own process; 0 before it ran. */
export function openLearnerPools() {
  const realm = connectedRealm();
  return realm ? Number(realm.request("open-pools")) : 0;
}

/**
 * `next()` called `times` times on an iterator, and its last result: where the iterator is the learner's, the
 * loop runs in the learner's process, one call instead of `times`.
 *
 * @template T
 * @param {Iterator<T>} iterator
 * @param {number} times
 * @returns {IteratorResult<T> | undefined}
 */
export function advance(iterator, times) {
  const realm = connectedRealm();
  if (realm && referenceOf?.(iterator)) {
    return /** @type {IteratorResult<T>} */ (realm.request("advance", { iterator: realm.encode(iterator), times }));
  }
  let result;
  for (let i = 0; i < times; i++) result = iterator.next();
  return result;
}
