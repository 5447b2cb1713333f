// @ts-check
// One clock for both sides. A test that fakes the timers (`vi.useFakeTimers`) fakes them in the judge's process;
// the learner's code, in another process, must wait on that same fake clock, as it would in one process. So
// while the judge's timers are fake, every message the judge sends carries its clock, and the learner's
// process swaps in bridges for exactly the functions the judge faked: a timer the learner's code sets is set
// in the judge, and fires there, as a call back into the learner's process; the time it reads is the judge's
// fake time, which moves only when the test advances it. When the test restores real timers, so does the
// learner's process.
/** @import { Message } from "./channel.js" */
/** @import { Realm } from "./realm.js" */

/** What vitest's fake timers can replace, as named in `toFake`. */
const CLOCK_PARTS = /** @type {const} */ ([
  "setTimeout",
  "clearTimeout",
  "setInterval",
  "clearInterval",
  "setImmediate",
  "clearImmediate",
  "performance",
  "Date",
  "hrtime",
]);
/** @typedef {(typeof CLOCK_PARTS)[number]} ClockPart */

const native = {
  setTimeout: globalThis.setTimeout,
  clearTimeout: globalThis.clearTimeout,
  setInterval: globalThis.setInterval,
  clearInterval: globalThis.clearInterval,
  setImmediate: globalThis.setImmediate,
  clearImmediate: globalThis.clearImmediate,
  performance: globalThis.performance,
  performanceNow: globalThis.performance.now,
  Date: globalThis.Date,
  hrtime: process.hrtime,
};

/**
 * The judge's clock as the learner's process must see it, or undefined while the judge's timers are real.
 *
 * @returns {{ fake: ClockPart[], now: number, date: number, hrtime: string } | undefined}
 */
export function judgeClock() {
  const fake = CLOCK_PARTS.filter((part) => {
    if (part === "performance") {
      return globalThis.performance !== native.performance || globalThis.performance.now !== native.performanceNow;
    }
    if (part === "hrtime") return process.hrtime !== native.hrtime;
    return globalThis[part] !== native[part];
  });
  if (fake.length === 0) return undefined;
  return { fake, now: performance.now(), date: Date.now(), hrtime: process.hrtime.bigint().toString() };
}

/** Timer functions the learner's process asked the judge to run, by their id there. */
const TIMER_FUNCTIONS = /** @type {const} */ ({
  setTimeout: "clearTimeout",
  setInterval: "clearInterval",
  setImmediate: "clearImmediate",
});

/**
 * The judge's side of the learner's timers: each is set with the judge's timer function of the moment (the
 * fake one), and its firing is a call into the learner's process, which returns when the callback and what it
 * started without waiting have run.
 *
 * @returns {(message: Message, realm: Realm) => void}
 */
export function judgeTimers() {
  /** @type {Map<number, { handle: unknown, clear: "clearTimeout" | "clearInterval" | "clearImmediate" }>} */
  const timers = new Map();
  return (message, realm) => {
    const id = Number(message.timer);
    if (message.op === "clear") {
      const timer = timers.get(id);
      timers.delete(id);
      if (timer) /** @type {(handle: unknown) => void} */ (globalThis[timer.clear])(timer.handle);
      return;
    }
    const kind = String(message.fn);
    if (!Object.hasOwn(TIMER_FUNCTIONS, kind)) return;
    const set = /** @type {keyof typeof TIMER_FUNCTIONS} */ (kind);
    const fire = () => {
      if (set !== "setInterval") timers.delete(id);
      if (!realm.closedWith) realm.request("fire", { timer: id });
    };
    const ms = Math.max(0, Number(message.ms) || 0);
    const handle = set === "setImmediate" ? globalThis.setImmediate(fire) : globalThis[set](fire, ms);
    timers.set(id, { handle, clear: TIMER_FUNCTIONS[set] });
  };
}

/**
 * The learner's side: follows the judge's clock as messages bring it, swapping the bridges in and out.
 *
 * @param {() => Realm} realm
 * @param {(error: unknown) => void} onCallbackError What a timer callback threw: an uncaught exception.
 */
export function learnerClock(realm, onCallbackError) {
  /** @type {Set<ClockPart>} */
  let bridged = new Set();
  const mirror = { now: 0, date: 0, hrtime: 0n };
  /** @type {Map<number, { callback: () => void, repeat: boolean }>} */
  const callbacks = new Map();
  let nextId = 1;
  const TIMER_ID = Symbol("timer id");

  /**
   * @param {"setTimeout" | "setInterval" | "setImmediate"} fn
   * @param {unknown} callback
   * @param {unknown} ms
   * @param {unknown[]} args
   */
  const setBridged = (fn, callback, ms, args) => {
    if (typeof callback !== "function") throw new TypeError(`The "callback" argument must be of type function`);
    const id = nextId++;
    callbacks.set(id, { callback: () => callback(...args), repeat: fn === "setInterval" });
    realm().notify("timer", { op: "set", fn, timer: id, ms: Number(ms) || 0 });
    return {
      [TIMER_ID]: id,
      ref() {
        return this;
      },
      unref() {
        return this;
      },
      hasRef: () => true,
      refresh() {
        return this;
      },
      [Symbol.toPrimitive]: () => id,
    };
  };
  const clearBridged = (/** @type {unknown} */ timer) => {
    const id =
      typeof timer === "object" && timer !== null ? /** @type {Record<symbol, unknown>} */ (timer)[TIMER_ID] : timer;
    if (typeof id !== "number" || !callbacks.delete(id)) return;
    realm().notify("timer", { op: "clear", timer: id });
  };
  const NativeDate = native.Date;
  class BridgedDate extends NativeDate {
    /** @param {any[]} args */
    constructor(...args) {
      if (args.length === 0) super(mirror.date);
      else super(.../** @type {[number]} */ (args));
    }
    /** @override */
    static now() {
      return mirror.date;
    }
  }
  const hrtime = Object.assign(
    (/** @type {[number, number] | undefined} */ previous) => {
      const now = mirror.hrtime;
      const seconds = Number(now / 1_000_000_000n);
      const nanos = Number(now % 1_000_000_000n);
      if (!previous) return [seconds, nanos];
      const diff = now - (BigInt(previous[0]) * 1_000_000_000n + BigInt(previous[1]));
      return [Number(diff / 1_000_000_000n), Number(diff % 1_000_000_000n)];
    },
    { bigint: () => mirror.hrtime },
  );

  /** @type {Record<ClockPart, [install: () => void, restore: () => void]>} */
  const parts = {
    setTimeout: [
      () => {
        globalThis.setTimeout = /** @type {any} */ (
          (/** @type {unknown} */ cb, /** @type {unknown} */ ms, /** @type {unknown[]} */ ...args) =>
            setBridged("setTimeout", cb, ms, args)
        );
      },
      () => {
        globalThis.setTimeout = native.setTimeout;
      },
    ],
    clearTimeout: [
      () => {
        globalThis.clearTimeout = /** @type {any} */ (clearBridged);
      },
      () => {
        globalThis.clearTimeout = native.clearTimeout;
      },
    ],
    setInterval: [
      () => {
        globalThis.setInterval = /** @type {any} */ (
          (/** @type {unknown} */ cb, /** @type {unknown} */ ms, /** @type {unknown[]} */ ...args) =>
            setBridged("setInterval", cb, ms, args)
        );
      },
      () => {
        globalThis.setInterval = native.setInterval;
      },
    ],
    clearInterval: [
      () => {
        globalThis.clearInterval = /** @type {any} */ (clearBridged);
      },
      () => {
        globalThis.clearInterval = native.clearInterval;
      },
    ],
    setImmediate: [
      () => {
        globalThis.setImmediate = /** @type {any} */ (
          (/** @type {unknown} */ cb, /** @type {unknown[]} */ ...args) => setBridged("setImmediate", cb, 0, args)
        );
      },
      () => {
        globalThis.setImmediate = native.setImmediate;
      },
    ],
    clearImmediate: [
      () => {
        globalThis.clearImmediate = /** @type {any} */ (clearBridged);
      },
      () => {
        globalThis.clearImmediate = native.clearImmediate;
      },
    ],
    performance: [
      () => {
        native.performance.now = () => mirror.now;
      },
      () => {
        native.performance.now = native.performanceNow;
      },
    ],
    Date: [
      () => {
        globalThis.Date = /** @type {DateConstructor} */ (BridgedDate);
      },
      () => {
        globalThis.Date = NativeDate;
      },
    ],
    hrtime: [
      () => {
        process.hrtime = /** @type {NodeJS.HRTime} */ (hrtime);
      },
      () => {
        process.hrtime = native.hrtime;
      },
    ],
  };

  return {
    /** Sees every message from the judge: its clock, if it carries one, and which parts are fake. */
    observe(/** @type {Message} */ message) {
      const clock = /** @type {{ fake?: unknown, now?: unknown, date?: unknown, hrtime?: unknown } | undefined} */ (
        message.clock
      );
      const fake = new Set(Array.isArray(clock?.fake) ? clock.fake.filter((part) => CLOCK_PARTS.includes(part)) : []);
      if (clock) {
        mirror.now = Number(clock.now) || 0;
        mirror.date = Number(clock.date) || 0;
        mirror.hrtime = typeof clock.hrtime === "string" && /^\d+$/.test(clock.hrtime) ? BigInt(clock.hrtime) : 0n;
      }
      for (const part of CLOCK_PARTS) {
        const want = fake.has(part);
        if (want === bridged.has(part)) continue;
        parts[part][want ? 0 : 1]();
      }
      bridged = /** @type {Set<ClockPart>} */ (fake);
    },
    /** The judge's call when a bridged timer is due. */
    fire(/** @type {Message} */ message) {
      const id = Number(message.timer);
      const timer = callbacks.get(id);
      if (!timer) return;
      if (!timer.repeat) callbacks.delete(id);
      try {
        timer.callback();
      } catch (error) {
        onCallbackError(error);
      }
    },
  };
}
