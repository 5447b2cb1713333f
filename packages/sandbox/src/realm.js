// @ts-check
// Values across the boundary. Each process has a Realm over the channel between them. Data is copied (numbers,
// strings, plain objects and arrays, errors, dates, maps, sets, bytes); everything with behaviour (functions,
// generators, class instances, objects with methods) stays where it was made and the other side gets a proxy:
// calling it, reading it, iterating it is a call into the process that owns it, answered before the proxy
// returns. Promises become promises on the other side, settled when the original settles.
//
// What the other side sends is never trusted to be well formed: anything this side would not have sent closes
// the channel (a ProtocolError), and the process that owns it says so.
/** @import { Channel, Message } from "./channel.js" */
import { ChannelClosed } from "./channel.js";

/** On every proxy: the reference it stands for. Never sent; a proxy going home is sent as its id. */
const REMOTE = Symbol("workshop: remote reference");
/** The symbols that cross by name; any other symbol cannot be named on the other side. */
const WELL_KNOWN = ["iterator", "asyncIterator", "dispose", "asyncDispose", "toPrimitive", "toStringTag"];
/** Copies deeper than this are proxied instead: a chain that deep is a linked structure, not data. */
const MAX_COPY_DEPTH = 64;
const ERRORS = { Error, TypeError, RangeError, SyntaxError, ReferenceError, EvalError, URIError };
const TYPED_ARRAYS = {
  Uint8Array,
  Int8Array,
  Uint16Array,
  Int16Array,
  Uint32Array,
  Int32Array,
  Float32Array,
  Float64Array,
  Uint8ClampedArray,
  BigInt64Array,
  BigUint64Array,
};
/** Generators' own methods: called on the other side in one round trip, without reading them first. */
const GENERATOR_METHODS = new Set(["next", "return", "throw"]);
const nativeSetImmediate = setImmediate;
/**
 * Runs this thread's pending promise reactions (and process.nextTick callbacks) now. Node's own function for it,
 * which its event loop calls between callbacks; from a callback of the event loop it is the checkpoint that would
 * come anyway, only sooner. Inside a promise reaction it does nothing, as V8 does not run its queue twice at once.
 */
const runMicrotasks = /** @type {{ _tickCallback: () => void }} */ (/** @type {unknown} */ (process))._tickCallback;

/** The other side sent what this protocol never sends. */
export class ProtocolError extends Error {
  /** @override */
  name = "ProtocolError";
}

/**
 * A reference to an object of one side, as sent: its id there, and what kind of thing it is.
 *
 * @typedef {{ id: number, kind: "function" | "object" | "generator" | "async-generator", name?: string,
 *   extra?: Record<string, unknown> }} Reference
 */

/**
 * @typedef {object} RealmOptions
 * @property {(message: Message) => void} [decorate] Adds to every message this side sends (the judge's clock).
 * @property {(message: Message) => void} [observe] Sees every message that arrives, before it is handled.
 * @property {Record<string, (message: Message, realm: Realm) => unknown>} [operations] Requests this side
 *   answers beyond the built-in ones, by name.
 * @property {Record<string, (message: Message, realm: Realm) => void>} [notifications] Notices this side
 *   acts on, by name.
 * @property {(value: object) => Reference["extra"] | undefined} [describe] Extra facts sent with a reference
 *   to one of this side's objects (the pool's threads).
 * @property {(reference: Reference, proxy: object, realm: Realm) => object} [adopt] What this side makes of a
 *   reference to the other side's object, instead of a plain proxy (the learner's pool).
 * @property {(message: Message) => void} [beforeServe] Sees each request of the other side before it is answered.
 * @property {() => boolean} [settleInStep] Whether this side's promises are to settle on the other side before this
 *   side goes on (the judge while its timers are fake: a test that advances a fake clock expects every promise
 *   chain to move as far as it can at each step, across both processes).
 * @property {"leads" | "follows"} [step] Keeps the two processes in step as one thread would keep them. `follows`
 *   (the learner's process): once it answered a request, it runs nothing of its own (no I/O callback, no timer)
 *   until the other side has gone on past the answer, only what the other side asks meanwhile, each with the
 *   promise reactions it starts. Code that left work running past its answer (a write it forgot to await) then
 *   cannot finish it before the test that asked looks, however soon this process would have. `leads` (the judge):
 *   says when its event loop turns after answers came.
 * @property {(error: Error) => void} [onClose]
 */

export class Realm {
  /** @type {Channel | undefined} */ #channel;
  #options;
  /** @type {Map<number, unknown>} This side's objects the other side holds, by id. */
  #exported = new Map();
  /** @type {WeakMap<object, number>} */
  #exportedIds = new WeakMap();
  #nextExport = 1;
  /** @type {Map<number, object>} Proxies of the other side's objects, by their id there. */
  #proxies = new Map();
  /** @type {Map<number, { resolve: (value: unknown) => void, reject: (error: unknown) => void }>} */
  #theirPromises = new Map();
  /** @type {Map<number, Message>} Settlements of the other side's promises that came before the promise did. */
  #earlySettlements = new Map();
  /** @type {Map<number, { resolve: (value: unknown) => void, reject: (error: unknown) => void }>} */
  #calls = new Map();
  #nextCall = 1;
  /** @type {Map<number, Message>} */
  #replies = new Map();
  /** @type {Set<number>} */
  #awaited = new Set();
  #nextRequest = 1;
  /** How many synchronous requests of this side are waiting, one inside the other. */
  #waiting = 0;
  /** Following in step: whether the innermost wait is for the other side to go on, and past which answer it went. */
  #inStep = false;
  #wentOnAfter = 0;
  /** Leading in step: the last answer that came, and whether the word to go on past it is on its way. */
  #lastAnswer = 0;
  #goOnQueued = false;
  /** @type {Error | undefined} */
  #closedWith;

  /** @param {RealmOptions} [options] */
  constructor(options = {}) {
    this.#options = options;
  }

  /** Attaches the channel (made with this realm's `receive` and `close` as its handlers). */
  attach(/** @type {Channel} */ channel) {
    this.#channel = channel;
  }

  get closedWith() {
    return this.#closedWith;
  }

  /**
   * Sends a request and returns the other side's answer, decoded; throws what the other side threw.
   *
   * @param {string} operation
   * @param {Message} [fields]
   * @returns {unknown}
   */
  request(operation, fields = {}) {
    const channel = this.#open();
    const id = this.#nextRequest++;
    const message = { ...fields, k: "q", id, op: operation };
    this.#options.decorate?.(message);
    this.#awaited.add(id);
    channel.send(message);
    this.#waiting++;
    const inStep = this.#inStep;
    this.#inStep = false;
    try {
      channel.waitUntil(() => this.#replies.has(id) || this.#closedWith !== undefined);
    } finally {
      this.#waiting--;
      this.#inStep = inStep;
      this.#awaited.delete(id);
    }
    const reply = this.#replies.get(id);
    this.#replies.delete(id);
    if (!reply) throw this.#closedWith ?? new ChannelClosed("the channel closed");
    if (this.#options.step === "leads") this.#goOnSoon(id);
    if ("e" in reply) throw withCallerStack(this.decode(reply.e), new Error().stack);
    return this.decode(reply.v);
  }

  /**
   * Calls a method of the other side's object without waiting for it: for methods that return promises and do
   * nothing the caller must see at once (the pool's `run`). Calls made in one tick travel together, and are
   * made there in one tick too.
   *
   * @param {object} proxy
   * @param {string} key
   * @param {unknown[]} args
   * @returns {Promise<unknown>}
   */
  invokeAsync(proxy, key, args) {
    const channel = this.#open();
    const reference = referenceOf(proxy);
    if (!reference) throw new TypeError("invokeAsync needs a proxy of the other side's object");
    const slot = this.#nextCall++;
    const message = { k: "c", slot, t: reference.id, key, args: this.encode(args) };
    this.#options.decorate?.(message);
    channel.send(message);
    // Where the call was made, for an error from the other side to say so: with this side's frames below its own,
    // as a stack in one process would be. (Captured now, written out only if it is needed.)
    const caller = new Error();
    return new Promise((resolve, reject) =>
      this.#calls.set(slot, { resolve, reject: (error) => reject(withCallerStack(error, caller.stack)) }),
    );
  }

  /**
   * Tells the other side something that needs no answer (a printed line, a timer).
   *
   * @param {string} name
   * @param {Message} fields
   */
  notify(name, fields) {
    const message = { ...fields, k: "n", n: name };
    this.#options.decorate?.(message);
    this.#channel?.send(message);
  }

  /** The channel's message handler. */
  receive(/** @type {Message} */ message) {
    try {
      this.#options.observe?.(message);
      this.#handle(message);
    } catch (error) {
      if (error instanceof ProtocolError) this.#channel?.close(error);
      else throw error;
    }
  }

  /** Closes the channel: the other side's process, which lives to answer, then ends. */
  disconnect() {
    this.#channel?.close();
  }

  /** The channel's close handler: every wait and every promise of the other side fails with the reason. */
  close(/** @type {Error} */ error) {
    if (this.#closedWith) return;
    this.#closedWith = error;
    for (const pending of [...this.#theirPromises.values(), ...this.#calls.values()]) pending.reject(error);
    this.#theirPromises.clear();
    this.#calls.clear();
    this.#options.onClose?.(error);
  }

  /** @param {Message} message */
  #handle(message) {
    switch (message.k) {
      case "hello":
        return;
      case "r": {
        const id = numberField(message, "id");
        if (!this.#awaited.has(id)) throw new ProtocolError(`a reply to request ${id}, which is not waiting`);
        this.#replies.set(id, message);
        return;
      }
      case "q":
        return this.#serve(message);
      case "c":
        return this.#serveAsync(message);
      case "s":
        return this.#settle(message);
      case "g":
        this.#wentOnAfter = Math.max(this.#wentOnAfter, numberField(message, "after"));
        return;
      case "n": {
        const handler = this.#options.notifications?.[String(message.n)];
        if (!handler) throw new ProtocolError(`an unknown notice ${String(message.n)}`);
        return handler(message, this);
      }
      default:
        throw new ProtocolError(`an unknown message kind ${String(message.k)}`);
    }
  }

  /**
   * Answers a request. From the event loop, the answer goes out after this side's microtasks have run, behind
   * everything they sent: the requester sees the whole effect of its call (printed lines, timers set, promises
   * settled) when the answer arrives, as it would have in one process. Inside a synchronous wait of this side the
   * other side is waiting for that, so the answer goes at once.
   *
   * @param {Message} message
   */
  #serve(message) {
    const id = numberField(message, "id");
    this.#options.beforeServe?.(message);
    const channel = this.#open();
    const nested = this.#waiting > 0 && !this.#inStep;
    if (!nested) channel.hold();
    /** @type {Message} */
    let reply;
    try {
      reply = { k: "r", id, v: this.encode(this.#perform(message)) };
    } catch (error) {
      if (error instanceof ProtocolError) throw error;
      reply = { k: "r", id, e: this.encode(error) };
    }
    this.#options.decorate?.(reply);
    if (nested) {
      channel.send(reply);
      channel.flush();
      return;
    }
    if (this.#inStep) {
      // Asked while waiting in step: the other side waits for this answer, which goes out, as from the event
      // loop, behind what the promise reactions the call started sent.
      runMicrotasks();
      channel.release(reply);
      return;
    }
    nativeSetImmediate(() => {
      channel.release(reply);
      if (this.#options.step === "follows") this.#waitInStep(channel, id);
    });
  }

  /**
   * Following in step: waits until the other side went on past answer `id`, answering what it asks meanwhile and
   * running the promise reactions each message starts, as one thread would between them; or until the channel
   * closed (this process then ends).
   *
   * @param {Channel} channel
   * @param {number} id
   */
  #waitInStep(channel, id) {
    this.#inStep = true;
    try {
      channel.waitUntil(() => this.#wentOnAfter >= id || this.#closedWith !== undefined, runMicrotasks);
    } catch (error) {
      if (!(error instanceof ChannelClosed)) throw error;
    } finally {
      this.#inStep = false;
    }
  }

  /**
   * Leading in step: once this side's event loop turns after answer `id` came, the other side may go on.
   *
   * @param {number} id
   */
  #goOnSoon(id) {
    this.#lastAnswer = Math.max(this.#lastAnswer, id);
    if (this.#goOnQueued) return;
    this.#goOnQueued = true;
    nativeSetImmediate(() => {
      this.#goOnQueued = false;
      if (!this.#closedWith) this.#channel?.send({ k: "g", after: this.#lastAnswer });
    });
  }

  /** @param {Message} message */
  #serveAsync(message) {
    const slot = numberField(message, "slot");
    const settle = (/** @type {"v" | "e"} */ key, /** @type {unknown} */ value) => {
      const settlement = { k: "s", of: "call", id: slot, [key]: this.encode(value) };
      this.#options.decorate?.(settlement);
      this.#channel?.send(settlement);
    };
    let result;
    try {
      const target = /** @type {Record<string, unknown>} */ (this.#target(message.t));
      const method = target?.[String(message.key)];
      if (typeof method !== "function") throw new TypeError(`${String(message.key)} is not a function`);
      result = Reflect.apply(method, target, argumentList(this.decode(message.args)));
    } catch (error) {
      if (error instanceof ProtocolError) throw error;
      return settle("e", error);
    }
    Promise.resolve(result).then(
      (value) => settle("v", value),
      (error) => settle("e", error),
    );
  }

  /** @param {Message} message */
  #settle(message) {
    const id = numberField(message, "id");
    const table = message.of === "call" ? this.#calls : message.of === "promise" ? this.#theirPromises : undefined;
    if (!table) throw new ProtocolError("a settlement of an unknown kind");
    const pending = table.get(id);
    if (!pending) {
      // A promise is announced in a reply, which goes out behind what its call did; it may have settled by then.
      if (message.of !== "promise" || this.#earlySettlements.size > 100_000) {
        throw new ProtocolError(`a settlement of ${id}, which nobody awaits`);
      }
      this.#earlySettlements.set(id, message);
      return;
    }
    table.delete(id);
    if ("e" in message) pending.reject(this.decode(message.e));
    else pending.resolve(this.decode(message.v));
  }

  /** @param {Message} message */
  #perform(message) {
    const operation = String(message.op);
    const extra = this.#options.operations?.[operation];
    if (extra) return extra(message, this);
    const target = () => {
      const value = this.#target(message.t);
      if (value === null || (typeof value !== "object" && typeof value !== "function")) {
        throw new ProtocolError("a request on something that is not an object");
      }
      return /** @type {object} */ (value);
    };
    const key = () => decodeKey(message.key);
    switch (operation) {
      case "settle": {
        const { promise, v, e } = message;
        this.#settle({ k: "s", of: "promise", id: promise, ...("e" in message ? { e } : { v }) });
        return undefined;
      }
      case "get":
        return Reflect.get(target(), key());
      case "set":
        return Reflect.set(target(), key(), this.decode(message.v));
      case "has":
        return Reflect.has(target(), key());
      case "delete":
        return Reflect.deleteProperty(target(), key());
      case "keys":
        return Reflect.ownKeys(target())
          .map(encodeKey)
          .filter((encoded) => encoded !== undefined);
      case "describe": {
        const descriptor = Reflect.getOwnPropertyDescriptor(target(), key());
        if (!descriptor) return undefined;
        // As a list, which is copied: an object holding a function (a method's descriptor) would travel as a
        // proxy, whose own descriptors the asking side would then ask for, and so on until its stack overflowed.
        return "value" in descriptor
          ? ["value", descriptor.value, Boolean(descriptor.writable), Boolean(descriptor.enumerable)]
          : ["accessor", descriptor.get, descriptor.set, Boolean(descriptor.enumerable)];
      }
      case "apply": {
        const fn = target();
        if (typeof fn !== "function") throw new TypeError("called something that is not a function");
        return Reflect.apply(fn, this.decode(message.this), argumentList(this.decode(message.args)));
      }
      case "new": {
        const fn = target();
        if (typeof fn !== "function") throw new TypeError("constructed something that is not a function");
        return Reflect.construct(fn, argumentList(this.decode(message.args)));
      }
      case "invoke": {
        const object = /** @type {Record<PropertyKey, unknown>} */ (target());
        const method = object[key()];
        if (typeof method !== "function") throw new TypeError(`${String(key())} is not a function`);
        return Reflect.apply(method, object, argumentList(this.decode(message.args)));
      }
      default:
        throw new ProtocolError(`an unknown request ${operation}`);
    }
  }

  /** @param {unknown} id */
  #target(id) {
    if (typeof id !== "number" || !this.#exported.has(id)) throw new ProtocolError(`an unknown object ${String(id)}`);
    return this.#exported.get(id);
  }

  #open() {
    if (this.#closedWith) throw this.#closedWith;
    if (!this.#channel) throw new Error("the realm has no channel yet");
    return this.#channel;
  }

  /**
   * A value as it travels: copied where it is data, referred to where it has behaviour.
   *
   * @param {unknown} value
   * @param {Set<object>} [copying] The objects being copied around this one, to tell a cycle.
   * @returns {unknown}
   */
  encode(value, copying = new Set()) {
    switch (typeof value) {
      case "undefined":
        return { $: "u" };
      case "number":
        return Number.isFinite(value) && !Object.is(value, -0) ? value : { $: "n", v: String(value) };
      case "string":
      case "boolean":
        return value;
      case "bigint":
        return { $: "B", v: value.toString() };
      case "symbol":
        return encodeSymbol(value);
      case "function":
        return this.#reference(value);
      default:
        if (value === null) return null;
        return this.#encodeObject(/** @type {object} */ (value), copying);
    }
  }

  /**
   * @param {object} value
   * @param {Set<object>} copying
   */
  #encodeObject(value, copying) {
    const reference = referenceOf(value);
    if (reference) return { $: "R", id: reference.id };
    if (value instanceof Promise) return this.#exportPromise(value);
    if (copying.has(value) || copying.size >= MAX_COPY_DEPTH) return this.#reference(value);
    if (value instanceof Error) return this.#encodeError(value, copying);
    if (value instanceof Date) return { $: "d", v: value.getTime() };
    if (value instanceof RegExp) return { $: "x", s: value.source, f: value.flags };
    if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
      const bytes = Buffer.from(value.buffer, value.byteOffset, value.byteLength);
      const name = Buffer.isBuffer(value) ? "Buffer" : value.constructor.name;
      return { $: "T", t: name, v: bytes.toString("base64") };
    }
    if (value instanceof ArrayBuffer) return { $: "A", v: Buffer.from(value).toString("base64") };
    copying.add(value);
    try {
      if (Array.isArray(value) && Object.getPrototypeOf(value) === Array.prototype) {
        return Array.from(value, (item) => this.encode(item, copying));
      }
      if (value instanceof Map && Object.getPrototypeOf(value) === Map.prototype) {
        return { $: "M", v: [...value].map(([k, v]) => [this.encode(k, copying), this.encode(v, copying)]) };
      }
      if (value instanceof Set && Object.getPrototypeOf(value) === Set.prototype) {
        return { $: "S", v: [...value].map((item) => this.encode(item, copying)) };
      }
      if (isPlainData(value)) {
        /** @type {Record<string, unknown>} */
        const fields = {};
        for (const [key, item] of Object.entries(value)) fields[key] = this.encode(item, copying);
        return { $: "o", v: fields };
      }
    } finally {
      copying.delete(value);
    }
    return this.#reference(value);
  }

  /**
   * @param {Error} error
   * @param {Set<object>} copying
   */
  #encodeError(error, copying) {
    /** @type {Record<string, unknown>} */
    const encoded = { $: "e", n: String(error.name), m: String(error.message), s: String(error.stack ?? "") };
    copying.add(error);
    try {
      if ("cause" in error) encoded.c = this.encode(error.cause, copying);
      /** @type {Record<string, unknown>} */
      const fields = {};
      for (const [key, item] of Object.entries(error)) {
        if (typeof item !== "function") fields[key] = this.encode(item, copying);
      }
      encoded.x = fields;
    } finally {
      copying.delete(error);
    }
    return encoded;
  }

  /** @param {object} value */
  #reference(value) {
    let id = this.#exportedIds.get(value);
    if (id === undefined) {
      id = this.#nextExport++;
      this.#exported.set(id, value);
      this.#exportedIds.set(value, id);
    }
    const tag = Object.prototype.toString.call(value);
    const kind =
      typeof value === "function"
        ? "function"
        : tag === "[object Generator]"
          ? "generator"
          : tag === "[object AsyncGenerator]"
            ? "async-generator"
            : "object";
    /** @type {Record<string, unknown>} */
    const encoded = { $: "L", id, k: kind };
    if (typeof value === "function" && typeof value.name === "string") encoded.n = value.name;
    const extra = this.#options.describe?.(value);
    if (extra) encoded.x = extra;
    return encoded;
  }

  /** @param {Promise<unknown>} promise */
  #exportPromise(promise) {
    const id = this.#nextExport++;
    const settle = (/** @type {"v" | "e"} */ key, /** @type {unknown} */ value) => {
      if (this.#closedWith) return;
      if (this.#options.settleInStep?.()) {
        this.request("settle", { promise: id, [key]: this.encode(value) });
        return;
      }
      const settlement = { k: "s", of: "promise", id, [key]: this.encode(value) };
      this.#options.decorate?.(settlement);
      this.#channel?.send(settlement);
    };
    promise.then(
      (value) => settle("v", value),
      (error) => settle("e", error),
    );
    return { $: "p", id };
  }

  /**
   * A value as it arrived: copies rebuilt, this side's objects found by id, the other side's proxied.
   *
   * @param {unknown} encoded
   * @returns {unknown}
   */
  decode(encoded) {
    if (encoded === null || typeof encoded === "string" || typeof encoded === "boolean") return encoded;
    if (typeof encoded === "number") return encoded;
    if (Array.isArray(encoded)) return encoded.map((item) => this.decode(item));
    if (typeof encoded !== "object") throw new ProtocolError("a value of no known form");
    const tagged = /** @type {Record<string, unknown>} */ (encoded);
    switch (tagged.$) {
      case "u":
        return undefined;
      case "n":
        return tagged.v === "-0" ? -0 : Number(stringField(tagged, "v"));
      case "B":
        return BigInt(stringField(tagged, "v"));
      case "y":
      case "Y":
        return decodeSymbol(tagged);
      case "o": {
        const fields = tagged.v;
        if (fields === null || typeof fields !== "object" || Array.isArray(fields)) {
          throw new ProtocolError("an object copy without fields");
        }
        /** @type {Record<string, unknown>} */
        const copy = {};
        for (const [key, item] of Object.entries(fields)) {
          // Defined, not assigned: a field named __proto__ stays a field.
          Object.defineProperty(copy, key, {
            value: this.decode(item),
            writable: true,
            enumerable: true,
            configurable: true,
          });
        }
        return copy;
      }
      case "e":
        return this.#decodeError(tagged);
      case "d":
        return new Date(Number(tagged.v));
      case "x":
        return new RegExp(stringField(tagged, "s"), stringField(tagged, "f"));
      case "M":
        return new Map(arrayField(tagged, "v").map((pair) => /** @type {[unknown, unknown]} */ (this.decode(pair))));
      case "S":
        return new Set(arrayField(tagged, "v").map((item) => this.decode(item)));
      case "T": {
        const bytes = Buffer.from(stringField(tagged, "v"), "base64");
        if (tagged.t === "Buffer") return bytes;
        const Kind = TYPED_ARRAYS[/** @type {keyof typeof TYPED_ARRAYS} */ (stringField(tagged, "t"))];
        if (!Kind) throw new ProtocolError("bytes of an unknown kind");
        const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
        return new Kind(buffer);
      }
      case "A": {
        const bytes = Buffer.from(stringField(tagged, "v"), "base64");
        return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
      }
      case "R":
        return this.#target(tagged.id);
      case "L":
        return this.#proxy(tagged);
      case "p":
        return this.#theirPromise(numberField(tagged, "id"));
      default:
        throw new ProtocolError(`a value tagged ${String(tagged.$)}`);
    }
  }

  /** @param {Record<string, unknown>} tagged */
  #decodeError(tagged) {
    const name = stringField(tagged, "n");
    const Kind = Object.hasOwn(ERRORS, name) ? ERRORS[/** @type {keyof typeof ERRORS} */ (name)] : Error;
    const error = new Kind(stringField(tagged, "m"));
    if (error.name !== name) Object.defineProperty(error, "name", { value: name, configurable: true, writable: true });
    Object.defineProperty(error, "stack", { value: stringField(tagged, "s"), configurable: true, writable: true });
    if ("c" in tagged)
      Object.defineProperty(error, "cause", { value: this.decode(tagged.c), configurable: true, writable: true });
    const fields = tagged.x;
    if (fields && typeof fields === "object" && !Array.isArray(fields)) {
      for (const [key, item] of Object.entries(fields)) {
        if (key === "stack" || key === "message" || key === "name") continue;
        Object.defineProperty(error, key, {
          value: this.decode(item),
          enumerable: true,
          configurable: true,
          writable: true,
        });
      }
    }
    return error;
  }

  /** @param {number} id */
  #theirPromise(id) {
    return new Promise((resolve, reject) => {
      const early = this.#earlySettlements.get(id);
      if (!early) {
        this.#theirPromises.set(id, { resolve, reject });
        return;
      }
      this.#earlySettlements.delete(id);
      if ("e" in early) reject(this.decode(early.e));
      else resolve(this.decode(early.v));
    });
  }

  /** @param {Record<string, unknown>} tagged */
  #proxy(tagged) {
    const id = numberField(tagged, "id");
    const known = this.#proxies.get(id);
    if (known) return known;
    const kinds = ["function", "object", "generator", "async-generator"];
    const kind = /** @type {Reference["kind"]} */ (String(tagged.k));
    if (!kinds.includes(kind)) throw new ProtocolError(`a reference of an unknown kind ${kind}`);
    /** @type {Reference} */
    const reference = { id, kind };
    if (typeof tagged.n === "string") reference.name = tagged.n;
    if (tagged.x && typeof tagged.x === "object") reference.extra = /** @type {Record<string, unknown>} */ (tagged.x);
    const plain = proxyOf(reference, this);
    const adopted = this.#options.adopt?.(reference, plain, this) ?? plain;
    this.#proxies.set(id, adopted);
    return adopted;
  }
}

/**
 * The proxy of one of the other side's objects: every trap is a request to that side.
 *
 * @param {Reference} reference
 * @param {Realm} realm
 */
function proxyOf(reference, realm) {
  const t = reference.id;
  const target = reference.kind === "function" ? namedFunction(reference.name ?? "") : {};
  const generator = reference.kind === "generator" || reference.kind === "async-generator";
  /** @type {Map<PropertyKey, Function>} */
  const methods = new Map();
  const method = (/** @type {PropertyKey} */ key) => {
    let stub = methods.get(key);
    if (!stub) {
      const encodedKey = encodeKey(key);
      stub = (/** @type {unknown[]} */ ...args) =>
        realm.request("invoke", { t, key: encodedKey, args: realm.encode(args) });
      methods.set(key, stub);
    }
    return stub;
  };
  /** @type {ProxyHandler<object>} */
  const handler = {
    get(_target, key) {
      if (key === REMOTE) return reference;
      // How a function is called is the caller's business: `fn.call(thisArg)` calls the proxy itself.
      if (reference.kind === "function" && (key === "call" || key === "apply" || key === "bind")) {
        return Function.prototype[key];
      }
      if (generator && typeof key === "string" && GENERATOR_METHODS.has(key)) return method(key);
      if (reference.kind === "generator" && key === Symbol.iterator) return method(key);
      if (reference.kind === "async-generator" && key === Symbol.asyncIterator) return method(key);
      const encodedKey = encodeKey(key);
      if (encodedKey === undefined) return undefined;
      return realm.request("get", { t, key: encodedKey });
    },
    set(_target, key, value) {
      const encodedKey = encodeKey(key);
      if (encodedKey === undefined) return false;
      return Boolean(realm.request("set", { t, key: encodedKey, v: realm.encode(value) }));
    },
    has(_target, key) {
      const encodedKey = encodeKey(key);
      return encodedKey !== undefined && Boolean(realm.request("has", { t, key: encodedKey }));
    },
    deleteProperty(_target, key) {
      const encodedKey = encodeKey(key);
      return encodedKey !== undefined && Boolean(realm.request("delete", { t, key: encodedKey }));
    },
    ownKeys() {
      const keys = /** @type {unknown[]} */ (realm.request("keys", { t }));
      return keys.map(decodeKey);
    },
    getOwnPropertyDescriptor(_target, key) {
      const encodedKey = encodeKey(key);
      if (encodedKey === undefined) return undefined;
      const described = realm.request("describe", { t, key: encodedKey });
      if (!Array.isArray(described)) return undefined;
      const [kind, first, second, enumerable] = described;
      // Reported configurable whatever it is there: the proxy's own target does not have the property, and a
      // proxy may not call a property non-configurable that its target lacks.
      return kind === "value"
        ? { value: first, writable: Boolean(second), enumerable: Boolean(enumerable), configurable: true }
        : {
            get: /** @type {(() => unknown) | undefined} */ (first),
            set: /** @type {((value: unknown) => void) | undefined} */ (second),
            enumerable: Boolean(enumerable),
            configurable: true,
          };
    },
    defineProperty() {
      return false;
    },
    apply(_target, thisArg, args) {
      return realm.request("apply", { t, this: realm.encode(thisArg), args: realm.encode(args) });
    },
    construct(_target, args) {
      return /** @type {object} */ (realm.request("new", { t, args: realm.encode(args) }));
    },
    getPrototypeOf() {
      return reference.kind === "function" ? Function.prototype : Object.prototype;
    },
    setPrototypeOf() {
      return false;
    },
  };
  return new Proxy(target, handler);
}

/** A constructible function with no own `prototype` (which a proxy would have to report) and a name. */
function namedFunction(/** @type {string} */ name) {
  const bound = (() => {}).bind(null);
  Object.defineProperty(bound, "name", { value: name, configurable: true });
  return bound;
}

/**
 * An error thrown on the other side, with the frames of the call that reached it from this side below its own:
 * a learner's line that called the judge's pool is then in the stack, where an error shows its place.
 *
 * @param {unknown} error
 * @param {string | undefined} callerStack
 */
function withCallerStack(error, callerStack) {
  if (!(error instanceof Error) || !callerStack) return error;
  const frames = callerStack.split("\n").filter((line) => /^\s+at /.test(line));
  const own = frames.filter((line) => !line.includes("/packages/sandbox/src/"));
  if (own.length > 0) error.stack = `${error.stack ?? String(error)}\n${own.join("\n")}`;
  return error;
}

/**
 * The reference a proxy stands for; undefined for anything else.
 *
 * @param {unknown} value
 * @returns {Reference | undefined}
 */
export function referenceOf(value) {
  if (value === null || (typeof value !== "object" && typeof value !== "function")) return undefined;
  return /** @type {Reference | undefined} */ (/** @type {Record<symbol, unknown>} */ (value)[REMOTE]);
}

/** Whether an object is data alone: a plain object whose own properties are all plain values, by string key. */
function isPlainData(/** @type {object} */ value) {
  const prototype = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return false;
  for (const key of Reflect.ownKeys(value)) {
    if (typeof key === "symbol") return false;
    const descriptor = Reflect.getOwnPropertyDescriptor(value, key);
    if (!descriptor || !("value" in descriptor) || typeof descriptor.value === "function") return false;
  }
  return true;
}

/** @param {symbol} symbol */
function encodeSymbol(symbol) {
  const key = Symbol.keyFor(symbol);
  if (key !== undefined) return { $: "Y", v: key };
  const name = WELL_KNOWN.find((known) => Symbol[/** @type {"iterator"} */ (known)] === symbol);
  // A symbol of neither kind cannot be the same symbol on the other side: it arrives as a new one.
  return name ? { $: "y", v: name } : { $: "y", v: "", d: symbol.description ?? "" };
}

/** @param {Record<string, unknown>} tagged */
function decodeSymbol(tagged) {
  const name = stringField(tagged, "v");
  if (tagged.$ === "Y") return Symbol.for(name);
  if (WELL_KNOWN.includes(name)) return Symbol[/** @type {"iterator"} */ (name)];
  return Symbol(typeof tagged.d === "string" ? tagged.d : "");
}

/** @param {PropertyKey} key */
function encodeKey(key) {
  if (typeof key === "string") return key;
  if (typeof key === "number") return String(key);
  const encoded = encodeSymbol(key);
  return encoded.v === "" ? undefined : encoded;
}

/** @param {unknown} key */
function decodeKey(key) {
  if (typeof key === "string") return key;
  if (key && typeof key === "object" && !Array.isArray(key)) {
    const tagged = /** @type {Record<string, unknown>} */ (key);
    if ((tagged.$ === "y" && WELL_KNOWN.includes(String(tagged.v))) || tagged.$ === "Y") return decodeSymbol(tagged);
  }
  throw new ProtocolError("a property key of no known form");
}

/** @param {unknown} value */
function argumentList(value) {
  if (!Array.isArray(value)) throw new ProtocolError("arguments that are not a list");
  return value;
}

/**
 * @param {Record<string, unknown>} message
 * @param {string} name
 */
function numberField(message, name) {
  const value = message[name];
  if (typeof value !== "number" || !Number.isSafeInteger(value)) throw new ProtocolError(`a message without ${name}`);
  return value;
}

/**
 * @param {Record<string, unknown>} message
 * @param {string} name
 */
function stringField(message, name) {
  const value = message[name];
  if (typeof value !== "string") throw new ProtocolError(`a value without ${name}`);
  return value;
}

/**
 * @param {Record<string, unknown>} message
 * @param {string} name
 */
function arrayField(message, name) {
  const value = message[name];
  if (!Array.isArray(value)) throw new ProtocolError(`a value without ${name}`);
  return value;
}
