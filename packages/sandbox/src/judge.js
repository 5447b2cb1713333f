// @ts-check
// The judge's side of the boundary: it starts a learner's process in a sandbox of its own, and gives the
// judge's code (the tests, the speedup check) a realm in which the learner's modules are proxies. The judge
// never loads the learner's code: it runs the test framework, the assertions, the pool and the clock, and the
// learner's process sees none of them.
/** @import { ChildProcess } from "node:child_process" */
/** @import { Readable } from "node:stream" */
/** @import { LimitReached } from "./watchdog.js" */
/** @import { View } from "./bubblewrap.js" */
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { sandboxCommand } from "./bubblewrap.js";
import { Channel } from "./channel.js";
import { judgeClock, judgeTimers } from "./clock.js";
import { Realm } from "./realm.js";
import { treeImports } from "./tree-imports.js";
import { LEARNER_HEAP_MB } from "./views.js";
import { watchSandbox } from "./watchdog.js";

const learnerHostScript = fileURLToPath(new URL("./learner-host.js", import.meta.url));
const typescriptLoader = new URL("./typescript-loader.js", import.meta.url).href;
/** The symbol @workshop/core keeps its open pools under (see pi-pool.ts). */
const OPEN_POOLS = Symbol.for("@workshop/core open pools");

/**
 * A sandboxed process of the learner's: bubblewrap's, and the id of the command inside as the judge sees it (to
 * measure what it used).
 *
 * @typedef {{ child: ChildProcess, pid: Promise<number | undefined>, lastWords: () => string }} LearnerProcess
 */

/**
 * Starts a learner's process: `node <args>` in a sandbox with `view`, watched for its limits (watchdog.js). Its
 * output is the caller's to read (`pipe`), or goes on to this process's own, cut after MAX_OUTPUT_BYTES.
 *
 * @param {string[]} nodeArgs
 * @param {View} view
 * @param {{ stdio?: "forward" | "keep" | "pipe", onLimit?: (limit: LimitReached) => void }} [options] `stdio`:
 *   `keep` passes nothing on (a hidden test's learner's process, whose output could give the test's inputs
 *   away) and keeps only its last words. `onLimit`: told when the sandbox went past a limit and was ended; by
 *   default it is said on this process's stderr.
 * @returns {LearnerProcess}
 */
export function startLearnerProcess(nodeArgs, view, options = {}) {
  const { file, args } = sandboxCommand([process.execPath, ...nodeArgs], view, { infoFd: 3 });
  const child = spawn(file, args, {
    stdio: ["ignore", "pipe", "pipe", "pipe"],
    env: { PATH: process.env.PATH ?? "/usr/bin:/bin" },
  });
  let said = "";
  const stdio = options.stdio ?? "forward";
  if (stdio === "forward") {
    forward(/** @type {Readable} */ (child.stdout), process.stdout);
    forward(/** @type {Readable} */ (child.stderr), process.stderr);
  }
  if (stdio !== "pipe") {
    if (stdio === "keep") /** @type {Readable} */ (child.stdout).resume();
    // The end of what it said on stderr, for a process that crashed to say why.
    /** @type {Readable} */ (child.stderr).on("data", (/** @type {Buffer} */ chunk) => {
      said = `${said}${chunk.toString("utf8")}`.slice(-LAST_WORDS_CHARS);
    });
  }
  const onLimit = options.onLimit ?? ((limit) => process.stderr.write(`${limit.message}\n`));
  const pid = new Promise((resolve) => {
    let info = "";
    const stream = /** @type {import("node:stream").Readable} */ (child.stdio[3]);
    stream.setEncoding("utf8");
    stream.on("data", (chunk) => {
      info += chunk;
    });
    stream.on("end", async () => {
      let sandbox;
      try {
        sandbox = Number(JSON.parse(info)["child-pid"]) || undefined;
      } catch {
        sandbox = undefined;
      }
      if (sandbox === undefined) return resolve(undefined);
      watchSandbox(sandbox, child, onLimit);
      resolve(await firstChild(sandbox));
    });
    stream.on("error", () => resolve(undefined));
  });
  return { child, pid, lastWords: () => said };
}

/** How much of a crashed process's last output is kept to say why. */
const LAST_WORDS_CHARS = 1_500;

/**
 * The command's id: the only child of the sandbox's first process (bubblewrap's), there as soon as it has started.
 *
 * @param {number} init
 * @returns {Promise<number | undefined>}
 */
async function firstChild(init) {
  for (let tries = 0; tries < 200; tries++) {
    try {
      const children = readFileSync(`/proc/${init}/task/${init}/children`, "utf8").trim();
      if (children) return Number(children.split(" ")[0]);
    } catch {
      return undefined;
    }
    await new Promise((resolve) => nativeSetTimeout(resolve, 5));
  }
  return undefined;
}

/** What a learner's process may print before the judge stops passing it on: the grader keeps far less. */
const MAX_OUTPUT_BYTES = 1_000_000;

/**
 * Passes a learner's output on, up to MAX_OUTPUT_BYTES, then reads the rest and drops it (a process that
 * prints gigabytes must not block on a full pipe, nor fill the judge's).
 *
 * @param {Readable} from
 * @param {NodeJS.WritableStream} to
 */
function forward(from, to) {
  let left = MAX_OUTPUT_BYTES;
  from.on("data", (/** @type {Buffer} */ chunk) => {
    if (left <= 0) return;
    to.write(chunk.subarray(0, left));
    left -= chunk.length;
    if (left <= 0) to.write("\n(the rest of what the code printed was cut: over 1 MB)\n");
  });
}

/**
 * Starts the learner's host process, which answers calls into the learner's code through the channel in
 * `folder` (made with makeChannelFiles, and visible in `view`).
 *
 * @param {string} folder
 * @param {View} view
 * @param {{ onLimit?: (limit: LimitReached) => void, stdio?: "forward" | "keep", withPools?: boolean }} [options]
 *   `withPools`: the judge may hand the learner's code pools (see learner-host.js).
 */
export function startLearnerHost(folder, view, { onLimit, stdio = "forward", withPools = false } = {}) {
  const nodeArgs = [
    `--max-old-space-size=${LEARNER_HEAP_MB}`,
    ...treeImports(typescriptLoader),
    learnerHostScript,
    folder,
    ...(withPools ? ["--with-pools"] : []),
  ];
  return startLearnerProcess(nodeArgs, view, { stdio, ...(onLimit ? { onLimit } : {}) });
}

/** The console methods the learner's process may print with. */
const CONSOLE_METHODS = new Set(["log", "info", "warn", "error", "debug", "trace"]);
/** What the learner's code may print through the judge, at most: the grader shows far less. */
const MAX_PRINTED_CHARS = 1_000_000;
const nativeSetImmediate = setImmediate;
const nativeSetTimeout = setTimeout;

/**
 * Values the learner's code may draw from one iterator of the judge's before it counts as collecting an
 * endless source: in one process that runs out of memory within a second, but each value drawn across the
 * boundary is a call, and the memory would run out only long after the time limit. The tests hand the learner's
 * code iterables it draws a few values from.
 */
const RUNAWAY_DRAWS = 5_000;

/**
 * The judge's realm over a channel to a learner's host: its messages carry the judge's clock while timers are
 * fake, the learner's printed lines are printed here (where the test framework sees them), its timers are set
 * here, and what it failed to catch is thrown here, as an unhandled error of the test run.
 *
 * @param {string} folder
 * @param {() => boolean} alive Whether the learner's process is still running.
 * @param {() => void} [end] Ends the learner's process (a runaway draw, below).
 * @param {number} [polled] The judge's polled end, opened by the main thread when this one is a worker (see
 *   channel.js's `openPolledEnd`).
 */
export function connectToLearner(folder, alive, end, polled) {
  let printed = 0;
  /** @type {Map<unknown, number>} */
  const draws = new Map();
  const realm = new Realm({
    beforeServe: (message) => {
      if (message.op !== "invoke" || message.key !== "next") return;
      const drawn = (draws.get(message.t) ?? 0) + 1;
      draws.set(message.t, drawn);
      if (drawn < RUNAWAY_DRAWS) return;
      // Said as the grader knows a heap that ran out, which is what the same code does in one process.
      process.stderr.write(
        `the code drew ${RUNAWAY_DRAWS} values from a test's iterator without stopping: JavaScript heap out of memory\n`,
      );
      end?.();
    },
    settleInStep: () => judgeClock() !== undefined,
    step: "leads",
    decorate: (message) => {
      const clock = judgeClock();
      if (clock) message.clock = clock;
    },
    describe: (value) => {
      const pools = /** @type {Set<unknown> | undefined} */ (/** @type {any} */ (globalThis)[OPEN_POOLS]);
      return pools?.has(value) ? { pool: /** @type {{ threads: number }} */ (value).threads } : undefined;
    },
    notifications: {
      console: (message, self) => {
        const method = String(message.method);
        if (!CONSOLE_METHODS.has(method) || printed > MAX_PRINTED_CHARS) return;
        const args = /** @type {unknown[]} */ (self.decode(message.args));
        printed += JSON.stringify(message.args).length;
        /** @type {any} */ (console)[method](...args);
        if (printed > MAX_PRINTED_CHARS) console.log("(the rest of what your code printed was cut: over 1 MB)");
      },
      timer: judgeTimers(),
      uncaught: (message, self) => {
        const error = self.decode(message.error);
        if (message.kind === "rejection") {
          void Promise.reject(error);
          return;
        }
        nativeSetImmediate(() => {
          throw error;
        });
      },
    },
  });
  const channel = new Channel({
    folder,
    side: "judge",
    onMessage: (message) => realm.receive(message),
    onClose: (error) => realm.close(error),
    alive,
    polled,
  });
  realm.attach(channel);
  return realm;
}
