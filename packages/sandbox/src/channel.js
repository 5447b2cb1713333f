// @ts-check
// One end of a message channel between two processes, over two named pipes (FIFOs), one each way. A message
// can be sent and its reply awaited synchronously: a test that calls a learner's generator gets its next value
// at once, as it would in one process. While it waits, whatever else arrives (calls back into this process,
// printed lines, timers) is handled in the order it was sent.
//
// Each pipe is opened twice for reading: once blocking, for synchronous waits (the process sleeps in read()
// until bytes arrive, one wake-up per message), and once by the event loop, for everything that arrives while
// the process is idle. Both never read at the same time: a synchronous wait holds the only thread that would.
import { execFileSync } from "node:child_process";
import { closeSync, constants, openSync, readSync, writeSync } from "node:fs";
import { Socket } from "node:net";
import { join } from "node:path";

/** Files of the channel in its folder: named for the side that reads them. */
export const TO_LEARNER = "to-learner";
export const TO_JUDGE = "to-judge";
/** A message larger than this is not one the other side could have meant: the channel is broken. */
const MAX_MESSAGE_CHARS = 64 * 1024 * 1024;
/** How long the other side may take to open its end before the channel gives up on it. */
const OPEN_LIMIT_MS = 60_000;

/** The other side closed its end, or sent what no side of this channel sends. */
export class ChannelClosed extends Error {
  /** @override */
  name = "ChannelClosed";
}

/**
 * Makes the two pipes of a channel in `folder` (a folder private to the two sides).
 *
 * @param {string} folder
 */
export function makeChannelFiles(folder) {
  execFileSync("mkfifo", ["-m", "600", join(folder, TO_LEARNER), join(folder, TO_JUDGE)]);
}

/**
 * Opens `side`'s polled end of the channel in `folder` (its incoming pipe, for reading, without waiting), for a
 * worker thread that will connect as that side.
 *
 * Why here and not in the worker: the polled end goes to a `net.Socket`, which closes it when the worker ends;
 * Node also closes every file a worker opened with `fs.openSync` when it ends, so the number would be closed
 * twice, the second time often as another thread's file, and libuv aborts the process. Opened by the main
 * thread, it has one owner, the socket. A channel never connected leaves it open until the process ends.
 *
 * @param {string} folder
 * @param {"judge" | "learner"} side
 */
export function openPolledEnd(folder, side) {
  return openSync(join(folder, side === "judge" ? TO_JUDGE : TO_LEARNER), constants.O_RDONLY | constants.O_NONBLOCK);
}

/** Captured at load: a test may replace the globals with fake timers; the channel's own work must not move. */
const nativeQueueMicrotask = queueMicrotask;
const nativeSetImmediate = setImmediate;

/** Sleeps the thread; used only while the other side is not there yet, or its pipe is full. */
const sleeper = new Int32Array(new SharedArrayBuffer(4));
/** @param {number} ms */
function sleep(ms) {
  Atomics.wait(sleeper, 0, 0, ms);
}

/**
 * @typedef {Record<string, unknown>} Message
 */

export class Channel {
  /** @type {number} */ #write;
  /** @type {number} */ #readBlocking;
  /** @type {number} */ #polled;
  /** @type {Socket} */ #socket;
  #pending = "";
  /** @type {Message[]} Parsed, not yet handled: from `#next` on (a cursor, where shift() would move them all). */
  #inbox = [];
  #next = 0;
  /** @type {string[]} Queued to send at the end of this tick. */
  #outbox = [];
  #flushQueued = false;
  /** While above 0, messages wait in the outbox (see `hold`). */
  #holds = 0;
  #closed = false;
  /** @type {(message: Message) => void} */ #onMessage;
  /** @type {(error: Error) => void} */ #onClose;
  #handling = false;

  /**
   * Opens this side's ends. The two sides open in the opposite order, each waiting for the other's hello, so
   * neither blocks for ever on a side that never came.
   *
   * @param {{ folder: string, side: "judge" | "learner", onMessage: (message: Message) => void,
   *   onClose: (error: Error) => void, alive?: () => boolean, keepAlive?: boolean, polled?: number }} options `alive`: whether the
   *   other side may still come (its process has not ended); the open gives up as soon as it says no.
   *   `keepAlive`: the open channel keeps this process running (the learner's, which lives to answer calls).
   *   `polled`: this side's polled end, opened already (see `openPolledEnd`): a worker thread's channel must be
   *   given it.
   */
  constructor({ folder, side, onMessage, onClose, alive = () => true, keepAlive = false, polled: given }) {
    const incoming = join(folder, side === "judge" ? TO_JUDGE : TO_LEARNER);
    const outgoing = join(folder, side === "judge" ? TO_LEARNER : TO_JUDGE);
    this.#onMessage = onMessage;
    this.#onClose = onClose;
    const polled = given ?? openPolledEnd(folder, side);
    const deadline = Date.now() + OPEN_LIMIT_MS;
    // Opening the other side's pipe for writing fails (ENXIO) until that side has opened it for reading.
    let write;
    for (;;) {
      try {
        write = openSync(outgoing, constants.O_WRONLY | constants.O_NONBLOCK);
        break;
      } catch (error) {
        if (/** @type {NodeJS.ErrnoException} */ (error).code !== "ENXIO") throw error;
        if (!alive() || Date.now() > deadline) {
          // A given end is its opener's, closed with its process.
          if (given === undefined) closeSync(polled);
          throw new ChannelClosed("the other side of the channel never opened it");
        }
        sleep(2);
      }
    }
    this.#write = write;
    this.#polled = polled;
    writeSync(write, '{"k":"hello"}\n');
    // The other side's hello says it has its writing end open: a blocking open for reading now returns at once.
    const hello = Buffer.alloc(64);
    let said = "";
    while (!said.includes("\n")) {
      let read = 0;
      try {
        read = readSync(polled, hello, 0, hello.length, null);
      } catch (error) {
        if (/** @type {NodeJS.ErrnoException} */ (error).code !== "EAGAIN") throw error;
      }
      if (read > 0) {
        said += hello.toString("utf8", 0, read);
        continue;
      }
      // Nothing yet: EAGAIN, or 0 while the other side has not opened its end for writing (a pipe with no writer
      // reads as ended). Waited for asleep: a learner's process whose test file runs later waits seconds here, and
      // reading again at once kept a core busy all that time, beside the tests being judged.
      if (!alive()) throw new ChannelClosed("the other side ended before it said hello");
      if (Date.now() > deadline) throw new ChannelClosed("the other side of the channel never said hello");
      sleep(2);
    }
    this.#pending = said.slice(said.indexOf("\n") + 1);
    this.#readBlocking = openSync(incoming, constants.O_RDONLY);
    this.#socket = new Socket({ fd: polled, readable: true, writable: false });
    this.#socket.setEncoding("utf8");
    this.#socket.on("data", (/** @type {string} */ chunk) => {
      this.#take(chunk);
      this.#handleInbox();
    });
    this.#socket.on("end", () => this.#close(new ChannelClosed("the other side closed the channel")));
    this.#socket.on("error", (error) => this.#close(error));
    // A judge's process lives for its tests, not for the channel.
    if (!keepAlive) this.#socket.unref();
    this.#parse();
    this.#handleInboxSoon();
  }

  get closed() {
    return this.#closed;
  }

  /** Queues a message; everything queued in one tick goes out together, in order. */
  send(/** @type {Message} */ message) {
    if (this.#closed) return;
    this.#outbox.push(`${JSON.stringify(message)}\n`);
    if (!this.#flushQueued && this.#holds === 0) {
      this.#flushQueued = true;
      nativeQueueMicrotask(() => {
        this.#flushQueued = false;
        if (this.#holds === 0) this.flush();
      });
    }
  }

  /**
   * Keeps what is sent from now on in the outbox, until `release`: an answer goes out behind everything that
   * producing it sent, so the side that asked sees all of it before it goes on. A synchronous wait still sends
   * everything (its request cannot wait).
   */
  hold() {
    this.#holds++;
  }

  /** Sends `last` behind everything held, and lets the outbox go again. */
  release(/** @type {Message} */ last) {
    this.#holds = Math.max(0, this.#holds - 1);
    if (this.#closed) return;
    this.#outbox.push(`${JSON.stringify(last)}\n`);
    this.flush();
  }

  /** Writes everything queued, now. */
  flush() {
    if (this.#outbox.length === 0 || this.#closed) return;
    const data = Buffer.from(this.#outbox.join(""));
    this.#outbox = [];
    let offset = 0;
    while (offset < data.length) {
      try {
        offset += writeSync(this.#write, data, offset);
      } catch (error) {
        const code = /** @type {NodeJS.ErrnoException} */ (error).code;
        if (code === "EPIPE") return this.#close(new ChannelClosed("the other side closed the channel"));
        if (code !== "EAGAIN") throw error;
        // The other side's pipe is full: it may be writing to this side at the same moment, into a full pipe
        // too. Reading what it sent lets it go on; what was read waits in the inbox.
        this.#readAvailable();
        sleep(0.2);
      }
    }
    // What was read while waiting came off the pipe: the event loop will not hear of it, so it is handled from the
    // inbox (a synchronous wait or a handling in progress takes it first, and this finds the inbox empty).
    this.#handleInboxSoon();
  }

  /** Handles what waits in the inbox on the event loop's next turn, if anything does. */
  #handleInboxSoon() {
    if (this.#inbox.length > this.#next) nativeSetImmediate(() => this.#handleInbox());
  }

  /**
   * Sends what is queued and handles what arrives, in order, until `done()` says so. Messages are handled
   * here, inside the wait, exactly as they would be by the event loop.
   *
   * @param {() => boolean} done
   * @param {() => void} [afterEach] Runs after each message handled (a realm in step runs its microtasks).
   */
  waitUntil(done, afterEach) {
    this.flush();
    const buffer = Buffer.alloc(1 << 16);
    while (!done()) {
      if (this.#closed) throw new ChannelClosed("the other side closed the channel");
      const message = this.#takeMessage();
      if (message) {
        this.#dispatch(message);
        afterEach?.();
        continue;
      }
      let read;
      try {
        read = readSync(this.#readBlocking, buffer, 0, buffer.length, null);
      } catch (error) {
        this.#close(/** @type {Error} */ (error));
        continue;
      }
      if (read === 0) this.#close(new ChannelClosed("the other side closed the channel"));
      else this.#take(buffer.toString("utf8", 0, read));
    }
    // What arrived behind the answer was read with it, and the event loop will not hear of it again.
    for (let message = this.#takeMessage(); message; message = this.#takeMessage()) this.#dispatch(message);
  }

  /**
   * The next message of the inbox, taken out of it; undefined when it is empty, or once the channel closed: a
   * message that broke the protocol closes it, and nothing the other side sent behind it counts.
   */
  #takeMessage() {
    if (this.#closed || this.#next >= this.#inbox.length) {
      this.#inbox = [];
      this.#next = 0;
      return undefined;
    }
    const message = this.#inbox[this.#next];
    this.#inbox[this.#next++] = /** @type {any} */ (undefined);
    return message;
  }

  /** Closes this side's ends, saying why to its own handler. */
  close(/** @type {Error} */ reason = new ChannelClosed("this side closed the channel")) {
    try {
      this.flush();
    } catch {
      // Closing anyway.
    }
    this.#close(reason);
  }

  /** Reads what has arrived without waiting (the event loop's end, which never blocks). */
  #readAvailable() {
    const buffer = Buffer.alloc(1 << 16);
    for (;;) {
      try {
        const read = readSync(this.#polled, buffer, 0, buffer.length, null);
        if (read === 0) return;
        this.#take(buffer.toString("utf8", 0, read));
      } catch {
        return;
      }
    }
  }

  /** @param {string} chunk */
  #take(chunk) {
    this.#pending += chunk;
    this.#parse();
  }

  #parse() {
    // One pass with a cursor: a batch of thousands of messages (a row of 4096 tasks) is sliced once, not once a
    // message.
    let start = 0;
    let end = this.#pending.indexOf("\n");
    while (end >= 0) {
      let message;
      try {
        message = JSON.parse(this.#pending.slice(start, end));
      } catch {
        return this.#close(new ChannelClosed("the other side sent something that is not a message"));
      }
      if (message === null || typeof message !== "object" || Array.isArray(message)) {
        return this.#close(new ChannelClosed("the other side sent something that is not a message"));
      }
      this.#inbox.push(message);
      start = end + 1;
      end = this.#pending.indexOf("\n", start);
    }
    this.#pending = this.#pending.slice(start);
    if (this.#pending.length > MAX_MESSAGE_CHARS)
      this.#close(new ChannelClosed("the other side sent too much at once"));
  }

  /** Handles the inbox from the event loop; a synchronous wait started inside takes over the rest. */
  #handleInbox() {
    if (this.#handling) return;
    this.#handling = true;
    try {
      for (let message = this.#takeMessage(); message; message = this.#takeMessage()) this.#dispatch(message);
    } finally {
      this.#handling = false;
    }
  }

  /** @param {Message} message */
  #dispatch(message) {
    this.#onMessage(message);
  }

  /** @param {Error} error */
  #close(error) {
    if (this.#closed) return;
    this.#closed = true;
    this.#socket?.destroy();
    for (const fd of [this.#write, this.#readBlocking]) {
      try {
        if (fd !== undefined) closeSync(fd);
      } catch {
        // Already closed.
      }
    }
    this.#onClose(error);
  }
}
