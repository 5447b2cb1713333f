// The boundary a graded run's judge calls the learner's code across, without the sandbox around it: a learner's
// process (support/plain-host.js) answers through the channel, and what the test sees of its code must be what it
// would see in one process. The sandbox itself (bubblewrap, its limits) is the grader's end-to-end tests' business.
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { Channel, ChannelClosed, makeChannelFiles, openPolledEnd } from "../src/channel.js";
import { connectToLearner } from "../src/judge.js";
import type { Realm } from "../src/realm.js";

type LearnerCode = typeof import("./support/learner-code.js");

interface Learner {
  process: ChildProcess;
  realm: Realm;
  folder: string;
}

/** A learner's process of its own and the judge's realm connected to it. */
function startLearner(): Learner {
  const folder = mkdtempSync(join(tmpdir(), "sandbox-boundary-"));
  makeChannelFiles(folder);
  const host = new URL("./support/plain-host.js", import.meta.url).pathname;
  const child = spawn(process.execPath, [host, folder], { stdio: ["ignore", "inherit", "inherit"] });
  const alive = () => child.exitCode === null && child.signalCode === null;
  const realm = connectToLearner(folder, alive, () => child.kill("SIGKILL"));
  return { process: child, realm, folder };
}

function stop(learner: Learner) {
  learner.realm.disconnect();
  learner.process.kill("SIGKILL");
  rmSync(learner.folder, { recursive: true, force: true });
}

describe("the learner's code, called across the boundary", () => {
  let learner: Learner;
  let code: LearnerCode;
  beforeAll(async () => {
    learner = startLearner();
    code = await (learner.realm.request("import") as Promise<LearnerCode>);
  });
  afterAll(() => stop(learner));
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  it("hands out its generators, which the judge's for-of draws from, one value at a time", () => {
    expect([...code.take(5, code.integers())]).toEqual([1, 2, 3, 4, 5]);
  });

  it("copies plain data, dates and holes included", () => {
    expect(code.copied).toEqual({
      name: "data",
      values: [1, 2, 3],
      when: new Date(0),
      nested: { deep: [null, undefined] },
    });
  });

  it("describes its objects' own properties as they are, methods included, as matchers read them", () => {
    const watch = code.stopwatch();
    expect(Object.hasOwn(watch, "stop")).toBe(true);
    expect(Object.getOwnPropertyDescriptor(watch, "seconds")).toMatchObject({ writable: true, enumerable: true });
    expect(watch).toHaveProperty("stop");
    expect(watch).toMatchObject({ seconds: undefined });
    expect(code).toHaveProperty("integers");
  });

  it("calls back into the judge's functions", () => {
    expect(code.callBack((value) => value * 2)).toBe(41);
  });

  it("throws its errors on the judge's side, with their class and message", () => {
    expect(() => code.fail()).toThrow(RangeError);
    expect(() => code.fail()).toThrow("out of range, on purpose");
  });

  it("awaits the judge's promises (a pool's tasks) and settles its own", async () => {
    const pool = { run: async (n: number) => n * 10 };
    await expect(code.split(pool)).resolves.toBe(60);
  });

  it("answers every one of more calls than its pipe holds, sent at once, while the answers come back", async () => {
    // 5,000 calls are about half a megabyte, eight pipes full each way: both sides write into a full pipe and read
    // the other's meanwhile (a row of 10's sweep sends 4,096 tasks at once).
    const count = 5_000;
    const pool = { run: async (n: number) => n };
    await expect(code.splitWide(pool, count)).resolves.toBe((count * (count - 1)) / 2);
  });

  it("waits while the test's await goes on: a write its async function forgot to await is not done yet", async () => {
    const folder = mkdtempSync(join(tmpdir(), "sandbox-boundary-"));
    try {
      const file = join(folder, "late.txt");
      const returned = code.forgetsToAwaitItsWrite(file);
      // The judge held up, as a busy machine may hold it: the learner's process, were it free to run on once its
      // promise settled, would finish the write meanwhile. In one process the code cannot run until the test awaits.
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 300);
      await expect(returned).resolves.toBe("returned");
      // Opened perhaps (Node's thread pool opens it on its own), but nothing written: that needs the code to run.
      const written = existsSync(file) ? readFileSync(file, "utf8") : "";
      expect(written, "the write the code forgot to await, done when the test looked").toBe("");
      await vi.waitFor(() => expect(readFileSync(file, "utf8")).toBe("written late"));
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it("keeps the test's timers waiting while its async function computes, as one thread would", async () => {
    let ticks = 0;
    const interval = setInterval(() => {
      ticks += 1;
    }, 5);
    try {
      await expect(code.spinsAsync(100)).resolves.toBe(100);
      expect(ticks, "ticks of a 5 ms interval while the code computed").toBe(0);
    } finally {
      clearInterval(interval);
    }
  });

  it("prints on the judge's console, and its timers follow the judge's fake clock", async () => {
    const printed = vi.spyOn(console, "log").mockImplementation(() => {});
    vi.useFakeTimers();
    const done = code.counter("tick");
    await vi.advanceTimersByTimeAsync(600);
    await expect(done).resolves.toBe("tick done");
    expect(printed.mock.calls.map((call) => call[0])).toEqual(["tick 0", "tick 1", "tick 2"]);
  });

  it("measures time by the judge's clock while it is fake", async () => {
    vi.useFakeTimers();
    const watch = code.stopwatch();
    await vi.advanceTimersByTimeAsync(1500);
    expect(watch.stop()).toBeCloseTo(1.5, 3);
  });
});

describe("a learner's process that breaks the protocol or dies", () => {
  it("closes the channel when it forges a reply to a request never made, and the judge's wait ends", () => {
    const learner = startLearner();
    try {
      expect(() => learner.realm.request("forge")).toThrow();
      expect(learner.realm.closedWith).toBeInstanceOf(Error);
      expect(() => learner.realm.request("import")).toThrow();
    } finally {
      stop(learner);
    }
  });

  it("fails the judge's pending call with ChannelClosed when it is killed, rather than leaving it waiting", async () => {
    const learner = startLearner();
    try {
      const code = await (learner.realm.request("import") as Promise<LearnerCode>);
      const pending = code.counter("never");
      learner.process.kill("SIGKILL");
      await expect(pending).rejects.toBeInstanceOf(ChannelClosed);
    } finally {
      stop(learner);
    }
  });
});

describe("a channel whose other side is slow to read", () => {
  it("handles what it read while it waited to write, though nothing more arrives to wake it", async () => {
    const folder = mkdtempSync(join(tmpdir(), "sandbox-boundary-"));
    makeChannelFiles(folder);
    const other = new URL("./support/slow-reader.js", import.meta.url).pathname;
    const child = spawn(process.execPath, [other, folder], { stdio: ["ignore", "inherit", "inherit"] });
    const received: unknown[] = [];
    const channel = new Channel({
      folder,
      side: "judge",
      onMessage: (message) => received.push(message.k),
      onClose: () => {},
      alive: () => child.exitCode === null,
    });
    try {
      // A megabyte fills the other side's pipe, which it does not read for half a second: this side reads what
      // the other said meanwhile, so as not to block it, and must then hand it on from its inbox.
      channel.send({ k: "long", text: "x".repeat(1 << 20) });
      channel.flush();
      await vi.waitFor(() => expect(received).toEqual(["said-while-busy"]), { timeout: 3_000 });
    } finally {
      channel.close();
      child.kill("SIGKILL");
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

describe("a learner's process whose judge has not come yet", () => {
  /** CPU seconds the process has used so far, user and system, from Linux's /proc (clock ticks of 10 ms). */
  const cpuSeconds = (pid: number) => {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
    return (Number(fields[11]) + Number(fields[12])) / 100;
  };
  const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  it("waits for the judge's hello asleep, not reading its pipe again and again", async () => {
    const folder = mkdtempSync(join(tmpdir(), "sandbox-boundary-"));
    makeChannelFiles(folder);
    // The judge's end is open (its process opens it when it starts the learner's) but nobody writes to it yet: the
    // test file this learner's process serves runs later.
    const polled = openPolledEnd(folder, "judge");
    const host = new URL("./support/plain-host.js", import.meta.url).pathname;
    const child = spawn(process.execPath, [host, folder], { stdio: ["ignore", "inherit", "inherit"] });
    try {
      await wait(500);
      const before = cpuSeconds(child.pid as number);
      await wait(1500);
      // A process that reads its pipe again at once uses the whole 1.5 s; one that sleeps between reads, almost
      // nothing. A third of it leaves room for a busy machine's scheduling, and still tells the two apart.
      expect(cpuSeconds(child.pid as number) - before).toBeLessThan(0.5);
      const realm = connectToLearner(folder, () => child.exitCode === null, undefined, polled);
      // And the hello it waited for still comes through: the code answers.
      const code = await (realm.request("import") as Promise<LearnerCode>);
      expect([...code.take(3, code.integers())]).toEqual([1, 2, 3]);
      realm.disconnect();
    } finally {
      child.kill("SIGKILL");
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
