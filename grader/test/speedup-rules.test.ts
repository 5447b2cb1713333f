// The speedup verdict's rules, on made-up observations: each problem a split can have is named as such, and
// the timing rules tell a busy machine from slow code. No process, no pool, no clock: these cannot be flaky.
import { describe, expect, it } from "vitest";
import { busyMachineNote } from "../src/report/wording.ts";
import { gateReport } from "../src/speedup/build-report.ts";
import { hardLimitMs } from "../src/speedup/check-speedup.ts";
import { plotProblem } from "../src/speedup/plot-rules.ts";
import { gateSize, MAX_WINDOWS, SERIAL_SAMPLES, TASK_SAMPLES, TASKS_PER_THREAD } from "../src/speedup/split-gate.ts";
import { type ObservedSplit, repeatProblem, splitProblem } from "../src/speedup/split-rules.ts";
import {
  graderRowSeconds,
  type ObservedSweep,
  overheadProblem,
  type Row,
  slope,
  sweepJobs,
  sweepRows,
  sweepRunProblem,
} from "../src/speedup/sweep-rules.ts";
import { mostInFlight, type RecordedTask } from "../src/speedup/task-recorder.ts";
import {
  decide,
  judgeWindow,
  requiredSpeedup,
  type TimedPair,
  timingReason,
  untimedReason,
  type WindowResult,
} from "../src/speedup/timing-rules.ts";

const MAIN = 0;
const SWEEP_JOBS = sweepJobs(13);
/** The words of the first structural problem of one call, which is what a learner reads. */
const reasonOf = (call: ObservedSplit) => splitProblem(call, MAIN)?.reason;
let nextSeed = 1;

/**
 * A task of 1000 samples whose estimate is `estimate`, on `threadId`, running from `startedAt` to `endedAt`. The
 * code under test asked for it at `submittedAt` and got it back 1 ms after it ended.
 */
function task(threadId: number, startedAt: number, endedAt: number, estimate = 3.14, submittedAt = 0): RecordedTask {
  const hits = (estimate * 1000) / 4;
  return { samples: 1000, seed: nextSeed++, hits, threadId, startedAt, endedAt, submittedAt, settledAt: endedAt + 1 };
}

/** What a correct split of 4 tasks of 1000 samples on 2 threads looks like to the grader. */
function correctSplit(overrides: Partial<ObservedSplit> = {}): ObservedSplit {
  const finished = [task(1, 0, 10, 3.1), task(2, 0, 10, 3.2), task(1, 10, 20, 3.12), task(2, 10, 20, 3.16)];
  return {
    name: "calcPiSplit",
    samplesPerTask: 1000,
    tasks: 4,
    estimate: (3.1 + 3.2 + 3.12 + 3.16) / 4,
    finished,
    unfinished: 0,
    foreign: [],
    mainThreadBusy: 0.02,
    mainThreadBusyMs: 0.4,
    poolThreads: 2,
    // 100 ms for 24,000,000 samples, as here.
    msPerSample: 100 / 24_000_000,
    ...overrides,
  };
}

describe("splitProblem: the structural gate", () => {
  it("finds nothing wrong with a correct split", () => {
    expect(splitProblem(correctSplit(), MAIN)).toBeUndefined();
  });

  it("gives each problem a code for the class summary, beside its words", () => {
    expect(splitProblem(correctSplit({ unfinished: 2 }), MAIN)?.problem).toBe("unfinished-tasks");
    expect(splitProblem(correctSplit({ finished: [] }), MAIN)?.problem).toBe("no-tasks");
    expect(splitProblem(correctSplit({ error: "RangeError: nope" }), MAIN)?.problem).toBe("threw");
  });

  it("names the main thread when it computed while the pool did not", () => {
    const problem = reasonOf(
      correctSplit({ finished: [], mainThreadBusy: 0.99, mainThreadBusyMs: 110, estimate: 3.14 }),
    );
    expect(problem).toMatch(/^the kernel ran on the main thread: .* busy 99% .* only 0 of the 4000 samples/);
  });

  it("does not fail a busy main thread when the pool did all the work (a garbage collection can do that)", () => {
    expect(splitProblem(correctSplit({ mainThreadBusy: 0.75, mainThreadBusyMs: 50 }), MAIN)).toBeUndefined();
  });

  it("blames missing work, not the main thread, when the main thread was busy for less than that work takes", () => {
    // Seen on a loaded machine: a split that capped its samples, during which the main thread was "busy" 76%.
    const call = correctSplit({ mainThreadBusy: 0.76, mainThreadBusyMs: 30, msPerSample: 0.1 });
    call.finished = call.finished.map((t) => ({ ...t, samples: 500, hits: t.hits / 2 }));
    expect(reasonOf(call)).toMatch(/less work than asked/);
  });

  it("does not blame the main thread for a call that returned at once", () => {
    // A cached answer makes a call of a few microseconds, all of them "busy".
    const problem = reasonOf(correctSplit({ finished: [], mainThreadBusy: 1, mainThreadBusyMs: 0.05 }));
    expect(problem).toMatch(/without running a single task on the pool: a hard-coded or cached pi/);
  });

  it("names a pool of the split's own, with its number of threads", () => {
    const problem = reasonOf(correctSplit({ finished: [], foreign: [{ threads: 1, samples: 4000 }] }));
    expect(problem).toMatch(/ran its tasks on a pool of its own, with 1 thread, instead of the pool it was given/);
  });

  it("names tasks left running when the call returned", () => {
    expect(reasonOf(correctSplit({ unfinished: 2 }))).toMatch(/returned while 2 of its tasks were still running/);
  });

  it("counts the samples rather than trusting them: less work than asked", () => {
    const call = correctSplit();
    call.finished = call.finished.map((t) => ({ ...t, samples: 500, hits: t.hits / 2 }));
    expect(reasonOf(call)).toMatch(/should throw 4000 samples in 4 tasks, but the pool counted 2000 .*less work/);
  });

  it("names tasks awaited one after another, from when they were asked for, not how they were scheduled", () => {
    const call = correctSplit({
      finished: [
        task(1, 0, 10, 3.1, 0),
        task(2, 12, 20, 3.2, 11),
        task(1, 22, 30, 3.12, 21),
        task(2, 32, 40, 3.16, 31),
      ],
    });
    expect(reasonOf(call)).toMatch(/ran one after another: at most 1 of them had been started and not yet/);
    // Started together, they count as together even when a busy machine ran them one after the other.
    const busyMachine = correctSplit({
      finished: [task(1, 0, 10, 3.1), task(2, 10, 20, 3.2), task(1, 20, 30, 3.12), task(2, 30, 40, 3.16)],
    });
    expect(splitProblem(busyMachine, MAIN)).toBeUndefined();
  });

  it("names threads left without work", () => {
    const call = correctSplit({ poolThreads: 4, tasks: 4 });
    expect(reasonOf(call)).toMatch(/ran on only 2 of the pool's 4 threads/);
  });

  it("names a hard-coded answer: not the mean of the call's own tasks", () => {
    expect(reasonOf(correctSplit({ estimate: Math.PI }))).toMatch(
      /returned 3\.14159.*, but the estimates of the tasks it ran average 3\.145/,
    );
  });

  it("names an estimate too far from pi for the samples drawn", () => {
    const finished = [task(1, 0, 10, 2), task(2, 0, 10, 2), task(1, 10, 20, 2), task(2, 10, 20, 2)];
    expect(reasonOf(correctSplit({ finished, estimate: 2 }))).toMatch(/standard errors from pi for 4000 samples/);
  });

  it("names shared seeds within a call", () => {
    const call = correctSplit();
    call.finished = call.finished.map((t) => ({ ...t, seed: 7 }));
    expect(reasonOf(call)).toMatch(/had only 1 different seeds/);
  });

  it("names a throw, and a result that is not a number", () => {
    expect(reasonOf(correctSplit({ error: "RangeError: nope" }))).toMatch(/threw: RangeError: nope/);
    expect(reasonOf(correctSplit({ estimate: "3.14" }))).toMatch(/returned 3\.14, not an estimate of pi/);
  });
});

describe("repeatProblem: what several calls show", () => {
  it("names the same seeds in different calls", () => {
    const first = correctSplit();
    const second = correctSplit({ finished: first.finished.map((t) => ({ ...t })) });
    expect(repeatProblem([first, second])?.reason).toMatch(/same seeds in different calls/);
  });

  it("names the same answer from every call", () => {
    const calls = [correctSplit(), correctSplit(), correctSplit()];
    expect(repeatProblem(calls)?.reason).toMatch(/returned exactly 3\.145\d* in each of 3 calls/);
    expect(repeatProblem([correctSplit(), correctSplit({ estimate: 3.1 })])).toBeUndefined();
  });
});

describe("mostInFlight", () => {
  it("counts the tasks asked for and not yet back, at the busiest moment", () => {
    expect(mostInFlight([task(1, 0, 10), task(2, 0, 10), task(1, 0, 20)])).toBe(3);
    expect(mostInFlight([task(1, 0, 10, 3.14, 0), task(2, 12, 20, 3.14, 5), task(1, 22, 30, 3.14, 21)])).toBe(2);
    // A task asked for as the previous one came back did not run with it.
    expect(mostInFlight([task(1, 0, 9, 3.14, 0), task(2, 10, 20, 3.14, 10)])).toBe(1);
    expect(mostInFlight([])).toBe(0);
  });
});

const pair = (serialMs: number, splitMs: number, cpuCores: number, extra: Partial<TimedPair> = {}): TimedPair => ({
  serialMs,
  serialCpuMs: serialMs,
  splitMs,
  splitCpuMs: splitMs * cpuCores,
  splitMainMs: 0,
  splitIdleMs: 0,
  ...extra,
});

describe("the timing gate", () => {
  it("requires 1.4x on 2 cores, 0.2 more per further core, and at most 3x", () => {
    expect([1, 2, 3, 4, 8, 16, 64].map(requiredSpeedup)).toEqual([1.4, 1.4, 1.6, 1.8, 2.6, 3, 3]);
  });

  it("passes a window whose median pair reaches the required speedup, whatever the other pairs did", () => {
    const window = judgeWindow([pair(110, 60, 1.9), pair(110, 100, 1.9), pair(110, 62, 1.9)], 2);
    expect(window.median).toBeCloseTo(110 / 62, 12);
    expect(window.passed).toBe(true);
    expect(decide([window], 3)).toBe("passed");
  });

  it("blames the machine when other programs held the cores: measure again, then inconclusive", () => {
    // One core kept busy by another program: the split gets about one core, and nothing is idle.
    const busy = judgeWindow([pair(110, 105, 1.05), pair(110, 100, 1.1), pair(110, 110, 1.0)], 2);
    expect(busy).toMatchObject({ passed: false, busy: "cores-taken" });
    expect(decide([busy], 3)).toBe("measure-again");
    expect(decide([busy, busy], 3)).toBe("measure-again");
    expect(decide([busy, busy, busy], 3)).toBe("inconclusive");
    expect(timingReason("inconclusive", [busy, busy, busy], 2)).toMatch(/too busy: .* other programs held the cores/);
  });

  it("gives one figure for a busy machine: the last window's speedup and cores, in the reason as in the report", () => {
    // Three windows on a busy machine: the second reached 1.31x, the last (the one that decides) 1.25x, with
    // 0.748 cores, which rounds to 0.7 (and to 0.75, then 0.8, if rounded twice).
    const window = (median: number, cpuCores: number): WindowResult => ({
      ratios: [median],
      median,
      cpuCores,
      idleCores: 0.1,
      slowdown: 1,
      passed: false,
      busy: "cores-taken",
    });
    const windows = [window(1.2, 0.9), window(1.31, 0.8), window(1.25, 0.748)];
    const report = gateReport({ windows: [...windows], decision: "inconclusive" }, 2);
    expect(report).toMatchObject({ verdict: "inconclusive", measured: 1.25, coresGot: 0.7 });
    expect(report.reason).toMatch(/after 3 tries, the split ran 1\.25x faster .*the split got 0\.7 of 2 cores/);
    expect(report.reason).not.toMatch(/1\.31|0\.8 of/);
    expect(busyMachineNote(report)).toMatch(/the split got 0\.7 of 2 cores/);
  });

  it("blames the machine when the cores ran slower together than alone", () => {
    // Measured here on an idle machine: 1.9 cores used, each sample 36% dearer, a speedup of 1.40 at best.
    const slowed = pair(110, 80, 1.9, { splitCpuMs: 80 * 1.9, serialCpuMs: (80 * 1.9) / 1.36 });
    const window = judgeWindow([slowed, slowed, slowed], 2);
    expect(window).toMatchObject({ passed: false, busy: "cores-slowed" });
    expect(timingReason("inconclusive", [window], 2)).toMatch(/cores ran 36% slower together than alone/);
  });

  it("blames the code when the cores were there, at full speed, and went unused", () => {
    // A split that sleeps: half the machine idle while it waits.
    const sleepy = judgeWindow([pair(110, 150, 0.75, { splitIdleMs: 150 * 1.2 })], 2);
    expect(sleepy).toMatchObject({ passed: false });
    expect(sleepy.busy).toBeUndefined();
    expect(decide([sleepy], 3)).toBe("failed");
    expect(timingReason("failed", [sleepy], 2)).toMatch(/machine had 1\.2 cores idle, and the split used only 0\.8/);
    // All the cores, at full speed, and still slow: the time goes somewhere else.
    const wasteful = judgeWindow([pair(110, 90, 1.9, { serialCpuMs: 90 * 1.9 })], 2);
    expect(decide([wasteful], 3)).toBe("failed");
  });

  it("takes the main thread's own work out of the slowdown, so code cannot pass its waste off as the machine's", () => {
    const window = judgeWindow([pair(110, 90, 1.9, { serialCpuMs: 110, splitMainMs: 90 * 0.35 })], 2);
    expect(window.slowdown).toBeCloseTo((90 * 1.9 - 90 * 0.35) / 110, 12);
    expect(window.busy).toBe("cores-slowed");
  });
});

/** The core counts the grader must be right on: one core, a laptop, a CI runner, a workstation, a server. */
const CORE_COUNTS = [1, 2, 3, 4, 8, 16, 64];
/** The most samples the exercise's own tests put in one task (08's largest case). */
const LARGEST_TEST_TASK = 2 ** 22;

describe("the gate on any number of cores", () => {
  /** What the gate's call on `threads` looks like when every task is capped at `most` samples. */
  function cappedCall(threads: number, most: number): ObservedSplit {
    const { tasks, samplesPerTask } = gateSize(threads);
    const samples = Math.min(samplesPerTask, most);
    const hits = Math.round((samples * Math.PI) / 4);
    const finished = Array.from({ length: tasks }, (_, index) => ({
      ...task(1 + (index % threads), 0, 10),
      samples,
      hits,
    }));
    return correctSplit({
      samplesPerTask,
      tasks,
      finished,
      poolThreads: threads,
      estimate: (4 * hits) / samples,
    });
  }

  it.each(CORE_COUNTS)(
    "asks for tasks larger than any test's, two per thread, and a serial run it can time (%i cores)",
    (cores) => {
      const threads = Math.max(2, cores);
      const size = gateSize(threads);
      expect(size.samplesPerTask).toBeGreaterThan(LARGEST_TEST_TASK);
      expect(size.tasks).toBe(TASKS_PER_THREAD * threads);
      // Each thread's share is the same on every machine, so a split takes about as long on 64 cores as on 2.
      expect((size.tasks * size.samplesPerTask) / threads).toBe(TASKS_PER_THREAD * TASK_SAMPLES);
      expect(size.serialSamples).toBeLessThanOrEqual(SERIAL_SAMPLES);
      expect(size.serialSamples).toBeLessThanOrEqual(size.tasks * size.samplesPerTask);
    },
  );

  it.each(CORE_COUNTS)(
    "catches a split that caps its tasks at 2^20 samples, and passes an uncapped one (%i cores)",
    (cores) => {
      const threads = Math.max(2, cores);
      expect(splitProblem(cappedCall(threads, 2 ** 20), MAIN)?.problem).toBe("less-work");
      expect(splitProblem(cappedCall(threads, Number.POSITIVE_INFINITY), MAIN)).toBeUndefined();
    },
  );

  it.each(CORE_COUNTS)("passes a window at the required speedup and fails one just short of it (%i cores)", (cores) => {
    const required = requiredSpeedup(cores);
    // Every core busy for the whole split, each sample costing what it costs alone: nothing for the machine to blame.
    const fullSpeed = { serialCpuMs: 100 * cores };
    const at = judgeWindow([pair(100 * required, 100, cores, fullSpeed)], cores);
    expect(at.passed).toBe(true);
    const short = judgeWindow([pair(100 * required * 0.97, 100, cores, fullSpeed)], cores);
    expect(short.passed).toBe(false);
    expect(decide([short], MAX_WINDOWS), "all the cores at full speed: the code's").toBe("failed");
  });

  it("times every count from 2 up to the machine's cores, and says why it cannot time the others", () => {
    expect(untimedReason(1, 1)).toMatch(/^one core: the structure of the split was checked on a pool of two threads/);
    expect(untimedReason(1, 8)).toMatch(/^one core/);
    for (const cores of [2, 3, 4, 8, 16, 64]) expect(untimedReason(cores, 64)).toBeUndefined();
    expect(untimedReason(64, 2)).toMatch(/^WORKSHOP_CORES=64 simulates more cores than the 2 this machine has/);
    expect(untimedReason(3, 2)).toMatch(/checked as on 3 cores \(a pool of 3 threads\), and the timing was skipped/);
  });

  it("gives a simulated machine the time its extra work takes, and a real one 30 s", () => {
    expect(hardLimitMs(2, 2)).toBe(30_000);
    expect(hardLimitMs(16, 64)).toBe(30_000);
    expect(hardLimitMs(64, 2)).toBe(32 * 30_000);
  });
});

/** A sweep as the grader would observe it: rows of `secondsOf(njobs)`, 1 ms after each row's line. */
function observedSweep(secondsOf: (njobs: number) => number): ObservedSweep {
  const total = 2 ** 20;
  const finished: RecordedTask[] = [];
  let now = 0;
  for (const njobs of SWEEP_JOBS) {
    const rowMs = secondsOf(njobs) * 1000;
    for (let job = 0; job < njobs; job++) {
      // All asked for at the start of the row; two threads run half of them each, back to back.
      const slot = Math.floor(job / 2);
      const each = rowMs / Math.ceil(njobs / 2);
      const ran = task(1 + (job % 2), now + 1 + slot * each, now + 1 + (slot + 1) * each, 3.14, now + 1);
      finished.push({ ...ran, samples: total / njobs, settledAt: Math.min(ran.settledAt, now + 1 + rowMs) });
    }
    now += rowMs + 2;
  }
  const timings = SWEEP_JOBS.map((njobs) => ({ njobs, samplesPerJob: total / njobs, seconds: secondsOf(njobs) }));
  return {
    totalSamples: total,
    jobs: SWEEP_JOBS,
    timings,
    startedAt: 0,
    endedAt: now,
    tasks: { finished, unfinished: 0, foreign: [] },
    poolThreads: 2,
  };
}

describe("the efficiency study's checks", () => {
  const seconds = (njobs: number) => 0.01 + 20e-6 * njobs;

  it("finds nothing wrong with a sweep that timed its rows, and estimates the overhead from the learner's own times", () => {
    const sweep = observedSweep(seconds);
    const shaped = sweepRows(sweep);
    if ("problem" in shaped) throw new Error(shaped.problem);
    expect(sweepRunProblem(sweep, shaped.rows)).toBeUndefined();
    expect(graderRowSeconds(sweep)).toEqual(SWEEP_JOBS.map(seconds));
    expect(overheadProblem(20e-6, slope(SWEEP_JOBS, graderRowSeconds(sweep)))).toBeUndefined();
  });

  it("fails no correct sweep for what the machine did between its rows, or for a timer started before a row's line", () => {
    // A busy machine: after each row, other programs held the core for 40 µs per task of the row, before the
    // next row began. Stamps of the printed lines would charge it to the rows (a slope 40 µs steeper); the
    // learner's timer does not, and neither do the bounds.
    const busy = observedSweep(seconds);
    const pause = (njobs: number) => 0.04 * njobs;
    let shift = 0;
    busy.tasks.finished = busy.tasks.finished.map((task) => {
      const row = SWEEP_JOBS.findIndex((njobs) => task.samples * njobs === busy.totalSamples);
      const before = SWEEP_JOBS.slice(0, row).reduce((sum, njobs) => sum + pause(njobs), 0);
      shift = Math.max(shift, before + pause(SWEEP_JOBS[row] as number));
      return { ...task, submittedAt: task.submittedAt + before, settledAt: task.settledAt + before };
    });
    busy.endedAt += shift;
    const shaped = sweepRows(busy);
    if ("problem" in shaped) throw new Error(shaped.problem);
    expect(sweepRunProblem(busy, shaped.rows)).toBeUndefined();
    expect(slope(SWEEP_JOBS, graderRowSeconds(busy))).toBeCloseTo(20e-6, 12);
    expect(overheadProblem(slope(SWEEP_JOBS, SWEEP_JOBS.map(seconds)), slope(SWEEP_JOBS, graderRowSeconds(busy)))).toBe(
      undefined,
    );
    // A timer started before its row's line, which took 10 ms to print: each time is 10 ms longer than the row's
    // tasks, inside the room between the rows before and after it.
    const early = observedSweep((njobs) => seconds(njobs));
    for (const task of early.tasks.finished) {
      const row = SWEEP_JOBS.findIndex((njobs) => task.samples * njobs === early.totalSamples);
      Object.assign(task, {
        submittedAt: task.submittedAt + 10 * (row + 1),
        settledAt: task.settledAt + 10 * (row + 1),
      });
    }
    early.endedAt += 10 * SWEEP_JOBS.length;
    early.timings = (early.timings as Row[]).map((row) => ({ ...row, seconds: row.seconds + 0.01 }));
    const earlyRows = sweepRows(early);
    if ("problem" in earlyRows) throw new Error(earlyRows.problem);
    expect(sweepRunProblem(early, earlyRows.rows)).toBeUndefined();
  });

  it("estimates the overhead as the lesson does, by the median of the pairwise slopes: one noisy row cannot decide it", () => {
    const rows = SWEEP_JOBS.map(seconds);
    // Each row in turn 0.1 s slower, as when the machine was busy for a moment: 66 of the 78 pairs still say 20 µs.
    for (const moved of SWEEP_JOBS.keys()) {
      const noisy = rows.map((value, index) => (index === moved ? value + 0.1 : value));
      expect(slope(SWEEP_JOBS, noisy), `row ${moved} moved`).toBeCloseTo(20e-6, 12);
    }
    // The median of an even number of slopes is the mean of the middle two: 2, 0.5, 1, -1, 0.5, 2 give 0.75.
    expect(slope([1, 2, 3, 4], [1, 3, 2, 4])).toBeCloseTo(0.75, 12);
  });

  it("holds the learner's overhead to the median of the same rows' slopes, up to rounding, and names what differs", () => {
    expect(overheadProblem(20e-6, 20e-6)).toBeUndefined();
    expect(overheadProblem(20e-6 * (1 + 1e-12), 20e-6), "the last bits of a median computed in another order").toBe(
      undefined,
    );
    expect(overheadProblem(24e-6, 20e-6), "another estimate, or slopes sorted as text").toMatch(
      /gives 24\.0 µs per task for the sweep's own rows, but the median .* is 20\.0 µs: return that median/,
    );
    expect(overheadProblem(20e-3, 20e-6), "milliseconds").toMatch(/gives 20000\.0 µs per task/);
    expect(overheadProblem(Number.NaN, 20e-6)).toMatch(/returned NaN/);
  });

  it("names a sweep of the wrong shape", () => {
    const sweep = observedSweep(seconds);
    sweep.timings = (sweep.timings as { njobs: number }[]).slice(0, 12);
    expect(sweepRows(sweep)).toMatchObject({
      problem: expect.stringMatching(/returned 12 rows .* 13 rows, njobs = 1, 2, 4/),
    });
    const uneven = observedSweep(seconds);
    (uneven.timings as { samplesPerJob: number }[])[3] = { ...(uneven.timings as object[])[3], samplesPerJob: 1 };
    expect(sweepRows(uneven)).toMatchObject({ problem: expect.stringMatching(/row with 8 jobs .* not the total/) });
  });

  it("names milliseconds reported as seconds, from the row's own bounds", () => {
    const sweep = observedSweep(seconds);
    const rows = (sweep.timings as { njobs: number; samplesPerJob: number; seconds: number }[]).map((row) => ({
      ...row,
      seconds: row.seconds * 1000,
    }));
    expect(sweepRunProblem(sweep, rows)).toMatch(/row with 1 job reports 10\.02 s, but the whole row took 0\.0130 s/);
  });

  it("names a timer stopped before the row's tasks finished", () => {
    const sweep = observedSweep(seconds);
    const rows = (sweep.timings as { njobs: number; samplesPerJob: number; seconds: number }[]).map((row) => ({
      ...row,
      seconds: 1e-6,
    }));
    expect(sweepRunProblem(sweep, rows)).toMatch(/but its tasks alone took .* the timer must cover the whole row/);
  });

  it("names rows whose tasks ran one after another, and tasks missing from a row", () => {
    const sequential = observedSweep(seconds);
    // Each task asked for only once the one before it came back (the times are the grader's; the rows' bounds
    // do not matter to this check).
    sequential.tasks.finished = sequential.tasks.finished.map((t, index) => ({
      ...t,
      submittedAt: index,
      settledAt: index + 0.5,
    }));
    const rows = sweepRows(sequential);
    if ("problem" in rows) throw new Error(rows.problem);
    expect(sweepRunProblem(sequential, rows.rows)).toMatch(
      /row with 2 jobs, at most 1 task was running at any moment: .* one after another/,
    );
    const short = observedSweep(seconds);
    short.tasks.finished = short.tasks.finished.slice(0, -1);
    expect(sweepRunProblem(short, rows.rows)).toMatch(/row with 4096 jobs ran 4095 tasks/);
  });

  it("names rows run at the same time", () => {
    const overlapping = observedSweep(seconds);
    // The row with 4 tasks asked for its tasks before the row with 2 had all of its back.
    overlapping.tasks.finished = overlapping.tasks.finished.map((task) =>
      task.samples * 4 === overlapping.totalSamples ? { ...task, submittedAt: task.submittedAt - 20 } : task,
    );
    const rows = sweepRows(overlapping);
    if ("problem" in rows) throw new Error(rows.problem);
    expect(sweepRunProblem(overlapping, rows.rows)).toMatch(
      /row with 4 jobs started before the row with 2 jobs had finished: .* Await each row before starting the next/,
    );
  });
});

describe("plotProblem", () => {
  const svg = (points: number, xLog = true) =>
    `<svg>${'<path aria-roledescription="point"/>'.repeat(points)}` +
    `<g aria-label="X-axis titled 'njobs' for a ${xLog ? "log" : "linear"} scale with values from 1 to 4096"/>` +
    `<g aria-label="Y-axis titled 'seconds' for a log scale with values from 0.01 to 1"/></svg>`;

  it("wants an SVG with one point per row and log axes", () => {
    expect(plotProblem(svg(13), 13)).toBeUndefined();
    expect(plotProblem(svg(12), 13)).toMatch(/has 12 points: draw one point per row/);
    expect(plotProblem(svg(13, false), 13)).toMatch(/x axis is not on a log scale/);
    expect(plotProblem("PNG", 13)).toMatch(/not an SVG/);
    expect(plotProblem(undefined, 13)).toMatch(/did not write the file/);
  });
});
