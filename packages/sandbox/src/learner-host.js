// @ts-check
// The process inside a learner's sandbox: it loads the learner's modules and answers the judge's calls into
// them over the channel. Nothing here is trusted: the learner's code runs in this process and can change any
// of it. What it can reach is only what the sandbox shows it, and what the judge does with its answers is the
// judge's business.
//
// Usage (by judge.js only): node --import tsx --import <tree hooks> learner-host.js <channel folder> [--with-pools]
import { mkdirSync, writeFileSync } from "node:fs";
import { createRequire, register } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { Channel } from "./channel.js";
import { learnerClock } from "./clock.js";
import { Realm, referenceOf } from "./realm.js";
import { remotePool } from "./remote-pool.js";
import { STAND_INS, standInFile } from "./stand-in-hooks.js";
import { workshopRoot } from "./views.js";

const folder = process.argv[2];
if (!folder) throw new Error("learner-host.js needs the channel's folder");

/** The symbol @workshop/core keeps its open pools under (see pi-pool.ts). */
const OPEN_POOLS = Symbol.for("@workshop/core open pools");
/** The console methods whose lines the judge prints, as the learner's code printed them. */
const CONSOLE_METHODS = ["log", "info", "warn", "error", "debug", "trace"];

/** Where the stand-ins are named for the module hooks: this sandbox's own /tmp. */
const standInFolder = "/tmp/workshop-stand-ins";
mkdirSync(standInFolder, { recursive: true });
register(new URL("./stand-in-hooks.js", import.meta.url), { data: { folder: standInFolder } });
/** @type {Map<string, Record<string, unknown>>} */
const standIns = new Map();
/** @type {any} */ (globalThis)[Symbol.for(STAND_INS)] = standIns;

/**
 * The @workshop/core the learner's code imports (resolved as the tree's imports are, from exercises/), loaded
 * before the first call is answered when the judge may hand this process pools (`--with-pools`: the test file or
 * the speedup check makes them): the judge's pools are PiPools to that code. Other exercises never load it here,
 * which saves each learner's process a fifth of a second of compiling (the learner's code may still import it).
 *
 * @type {{ PiPool: { prototype: any } } | undefined}
 */
const core = process.argv.includes("--with-pools")
  ? await import(
      pathToFileURL(createRequire(join(workshopRoot, "exercises", "package.json")).resolve("@workshop/core")).href
    )
  : undefined;

/** This process's own way out, kept before the learner's code gets a process.exit that throws (below). */
const exit = process.exit.bind(process);

/** @type {Realm} */
let realm;
const clock = learnerClock(
  () => realm,
  (error) => reportUncaught(error, "exception"),
);
realm = new Realm({
  observe: (message) => clock.observe(message),
  // In one process the code could not run on past its answer until the test that asked went on: a write it forgot
  // to await would not be done when the test looks for it. In step with the judge, it cannot either.
  step: "follows",
  operations: {
    import: (message) => import(pathToFileURL(String(message.file)).href),
    fire: (message) => clock.fire(message),
    "open-pools": () =>
      /** @type {Set<unknown> | undefined} */ (/** @type {any} */ (globalThis)[OPEN_POOLS])?.size ?? 0,
    advance: (message, self) => advance(self.decode(message.iterator), Number(message.times)),
    "stand-in": (message, self) => standIn(String(message.file), decodeEach(self, message.exports)),
    "watch-pools": () => watchOwnPools(),
    "foreign-tasks": () => ownPoolTasks.splice(0),
  },
  adopt: (reference, proxy, self) =>
    reference.extra?.pool ? remotePool(proxy, reference.extra, self, poolPrototype()) : proxy,
  onClose: () => exit(0),
});
const channel = new Channel({
  folder,
  side: "learner",
  onMessage: (message) => realm.receive(message),
  onClose: (error) => realm.close(error),
  keepAlive: true,
});
realm.attach(channel);

for (const method of CONSOLE_METHODS) {
  /** @type {any} */ (console)[method] = (/** @type {unknown[]} */ ...args) =>
    realm.notify("console", { method, args: realm.encode(args) });
}

/**
 * @param {unknown} error
 * @param {"exception" | "rejection"} kind
 */
function reportUncaught(error, kind) {
  realm.notify("uncaught", { kind, error: realm.encode(error) });
}
process.on("uncaughtException", (error) => reportUncaught(error, "exception"));
// As the test framework does in one process: a call of process.exit() is an error, with vitest's own words, and
// the code's process goes on answering.
process.exit = /** @type {typeof process.exit} */ (
  (code) => {
    throw new Error(`process.exit unexpectedly called with "${code}"`);
  }
);
process.on("unhandledRejection", (reason) => reportUncaught(reason, "rejection"));

/**
 * Calls `next()` on an iterator `times` times, here, and returns the last result: a test that walks a
 * million values of a generator asks for them in one call rather than a million.
 *
 * @param {unknown} iterator
 * @param {number} times
 */
function advance(iterator, times) {
  if (referenceOf(iterator) || typeof (/** @type {any} */ (iterator)?.next) !== "function") {
    throw new TypeError("advance needs an iterator of the learner's code");
  }
  let result;
  for (let i = 0; i < times; i++) result = /** @type {Iterator<unknown>} */ (iterator).next();
  return result;
}

/** What the judge's pools are instances of here: the learner's @workshop/core's PiPool, loaded for them. */
function poolPrototype() {
  if (!core) throw new Error("the judge handed a pool to a learner's process started without --with-pools");
  return core.PiPool.prototype;
}

/** @type {{ threads: number, samples: number }[]} Tasks run on pools the learner's code made, since last asked. */
const ownPoolTasks = [];

/**
 * Records the tasks of every pool made in this process, for the speedup check's words about a split that ran
 * its tasks on a pool of its own. It patches the same @workshop/core the learner's code imports (resolved as
 * the tree's imports are, from exercises/), before that code is loaded.
 */
function watchOwnPools() {
  if (!core) return;
  const runTask = core.PiPool.prototype.runTask;
  core.PiPool.prototype.runTask = async function watchedRunTask(/** @type {unknown[]} */ ...args) {
    const result = await runTask.apply(this, args);
    ownPoolTasks.push({ threads: this.threads, samples: result.samples });
    return result;
  };
}

/**
 * @param {Realm} self
 * @param {unknown} encoded Each export encoded apart: functions stay the judge's, data is copied.
 */
function decodeEach(self, encoded) {
  if (encoded === null || typeof encoded !== "object" || Array.isArray(encoded)) {
    throw new TypeError("a stand-in needs its exports");
  }
  return Object.fromEntries(Object.entries(encoded).map(([name, value]) => [name, self.decode(value)]));
}

/**
 * Replaces the tree's module at `file`, for the code loaded from now on, with `exports`: what the judge's test
 * put in its place.
 *
 * @param {string} file
 * @param {unknown} exports
 */
function standIn(file, exports) {
  if (exports === null || typeof exports !== "object") throw new TypeError("a stand-in needs its exports");
  const url = pathToFileURL(file).href;
  standIns.set(url, /** @type {Record<string, unknown>} */ (exports));
  const names = Object.keys(exports).filter((name) => /^[A-Za-z_$][\w$]*$/.test(name));
  writeFileSync(standInFile(standInFolder, url), JSON.stringify(names));
}
