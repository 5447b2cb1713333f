// How far the speedup verdict can be trusted, counted: grades the reference solutions of the parallel exercises
// many times on an idle machine and with one core kept busy by another process, and every cheat fixture as many
// times, then prints what each got. Not part of `pnpm test`: it takes 16 to 20 minutes on 2 cores.
//
//   node --import tsx grader/bench/verdict-reliability.ts [--runs 20] [--only "08 reference",main-thread,...]
//
// Expected: the references never `failed` (idle or busy); every cheat always `failed`, with its reason.
import { type ChildProcess, spawn } from "node:child_process";
import { cpSync, mkdtempSync } from "node:fs";
import { availableParallelism, cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { type Exercise, loadCurriculum } from "../src/curriculum/load-curriculum.ts";
import { workshop } from "../src/paths.ts";
import { createGradingSession } from "../src/pipeline/create-session.ts";
import type { ExerciseResult } from "../src/result.ts";
import { checkSpeedup } from "../src/speedup/check-speedup.ts";
import { treeInPlace } from "../src/tree/grading-tree.ts";

interface Case {
  name: string;
  exercise: string;
  target: string;
  /** For a cheat: the words its verdict must contain. */
  reason?: RegExp;
  /** Grade with one core kept busy by another process. */
  busy?: boolean;
}

const cheats = join(workshop.root, "grader/test/fixtures/cheats");
const solutionsDir = workshop.solutions;

/** The sweep cheat of 10, with the honest 06 and 08 it builds on from the solutions. */
function sweepCheatTree(): string {
  const root = mkdtempSync(join(tmpdir(), "reliability-"));
  for (const id of ["06-async-timer", "08-pi-split"])
    cpSync(join(solutionsDir, id), join(root, id), { recursive: true });
  cpSync(join(cheats, "sweep-milliseconds", "10-efficiency"), join(root, "10-efficiency"), { recursive: true });
  return root;
}
const SPEEDUP = "the tests pass, but the speedup check failed: ";
const cases: Case[] = [
  ...["08", "09", "10"].map((exercise) => ({ name: `${exercise} reference idle`, exercise, target: solutionsDir })),
  ...["08", "09", "10"].map((exercise) => ({
    name: `${exercise} reference one-core-busy`,
    exercise,
    target: solutionsDir,
    busy: true,
  })),
  ...(
    [
      ["main-thread", /the kernel ran on the main thread: .* only 0 of the \d+ samples/],
      ["one-thread-pool", /ran its tasks on a pool of its own, with 1 thread, instead of the pool it was given/],
      ["kernel-then-send", /the kernel ran on the main thread: .* only [1-9]\d* of the \d+ samples/],
      ["less-work", /samples in \d+ tasks: less work than asked/],
      ["cached-pi", /without running a single task on the pool: a hard-coded or cached pi/],
      ["hard-coded-pi", /returned 3\.141592653589793, but the estimates of the tasks it ran average/],
      ["sequential", /ran one after another: at most 1 of them/],
      ["fixed-seeds", /the same seeds in different calls/],
    ] as const
  ).map(([name, reason]) => ({
    name,
    exercise: "08",
    target: join(cheats, name),
    reason: new RegExp(`^${SPEEDUP}.*${reason.source}`),
  })),
  {
    name: "sweep-milliseconds",
    exercise: "10",
    target: sweepCheatTree(),
    reason: new RegExp(`^${SPEEDUP}the row with 1 job reports .* not milliseconds`),
  },
  // As a learner would first write them: the exercise's tests catch these, and their messages are the reasons.
  ...(
    [
      ["naive-main-thread", /should already have started all 4: call pool\.run for every task first/],
      ["naive-one-thread-pool", /should already have started all 4: call pool\.run for every task first/],
      ["naive-kernel-then-send", /each task gets samplesPerTask samples \(a number, not calcPi's result\)/],
      ["naive-less-work", /each task gets samplesPerTask samples/],
      ["naive-hard-coded-pi", /the mean of the four estimates/],
      ["naive-sequential", /should already have started all 4: .* Promise\.all/],
    ] as const
  ).map(([name, reason]) => ({ name, exercise: "08", target: join(cheats, name), reason })),
];

const { values } = parseArgs({ options: { runs: { type: "string", default: "20" }, only: { type: "string" } } });
const runs = Number(values.runs);
const only = values.only?.split(",");
const chosen = only ? cases.filter((c) => only.some((o) => c.name.startsWith(o))) : cases;
const curriculum = loadCurriculum(workshop.exercises);
const exerciseFor = (id: string) => curriculum.find((e) => e.id.startsWith(id)) as Exercise;

interface Tally {
  statuses: Record<string, number>;
  rightReason: number;
  layers: Record<string, number>;
  measured: number[];
  windows: number[];
  odd: string[];
}

/** Keeps one core busy: a spinning process, as another program on a learner's machine would. */
function spinner(): ChildProcess {
  return spawn(process.execPath, ["-e", "for (;;) {}"], { stdio: "ignore" });
}

async function grade(c: Case): Promise<Tally> {
  const exercise = exerciseFor(c.exercise);
  const session = createGradingSession({
    curriculum,
    source: c.target,
    label: c.name,
    mode: "practice",
    policy: "zero",
  });
  const tally: Tally = { statuses: {}, rightReason: 0, layers: {}, measured: [], windows: [], odd: [] };
  const busy = c.busy ? spinner() : undefined;
  try {
    for (let run = 1; run <= runs; run++) {
      process.stderr.write(`\r${c.name}: ${run}/${runs}   `);
      const report = await session.grade([exercise], { listeners: [] });
      const [result] = report?.exercises ?? [];
      if (result) record(tally, c, result);
    }
  } finally {
    session.close();
    busy?.kill("SIGKILL");
  }
  process.stderr.write("\r\x1b[K");
  return tally;
}

function record(tally: Tally, c: Case, result: ExerciseResult): void {
  tally.statuses[result.status] = (tally.statuses[result.status] ?? 0) + 1;
  // Which layer gave the verdict: the tests, or the speedup check after tests that passed.
  const layer = result.status === "passed" ? "passed" : result.speedup ? "speedup" : "tests";
  tally.layers[layer] = (tally.layers[layer] ?? 0) + 1;
  if (result.speedup?.measured !== undefined) tally.measured.push(result.speedup.measured);
  if (result.speedup) tally.windows.push(result.speedup.windows);
  const expected = c.reason ? result.status === "failed" && c.reason.test(result.message) : result.status !== "failed";
  if (expected) tally.rightReason++;
  else if (tally.odd.length < 3) tally.odd.push(`${result.status}: ${result.message.slice(0, 300)}`);
}

/** The speedup check alone, timed: the issue's budget is about 3 s for one exercise. */
async function timeChecks(): Promise<string[]> {
  const lines: string[] = [];
  for (const id of ["08", "09", "10"]) {
    const seconds: number[] = [];
    for (let run = 0; run < Math.min(runs, 10); run++) {
      process.stderr.write(`\rtiming the speedup check of ${id}: ${run + 1}   `);
      const startedAt = performance.now();
      await checkSpeedup(exerciseFor(id), treeInPlace(solutionsDir));
      seconds.push((performance.now() - startedAt) / 1000);
    }
    const sorted = seconds.sort((a, b) => a - b);
    lines.push(
      `speedup check of ${id} alone: median ${quantile(sorted, 0.5).toFixed(2)} s, max ${sorted.at(-1)?.toFixed(2)} s`,
    );
  }
  process.stderr.write("\r\x1b[K");
  return lines;
}

function quantile(sorted: number[], q: number): number {
  return sorted.length === 0
    ? Number.NaN
    : (sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number);
}

const header = `${availableParallelism()} cores (${cpus()[0]?.model ?? "unknown CPU"}), Node ${process.version}, ${runs} runs each`;
console.log(header);
console.log(
  `${"case".padEnd(34)} ${"passed".padStart(6)} ${"failed".padStart(6)} ${"inconc.".padStart(7)} ${"other".padStart(5)}` +
    `  ${"as expected".padStart(11)}  decided by         speedup (min/median)  windows (max)`,
);
let allAsExpected = true;
const startedAt = performance.now();
for (const c of chosen) {
  const tally = await grade(c);
  const { passed = 0, failed = 0, inconclusive = 0 } = tally.statuses;
  const other = runs - passed - failed - inconclusive;
  const sorted = [...tally.measured].sort((a, b) => a - b);
  const speedup = sorted.length > 0 ? `${sorted[0]?.toFixed(2)}/${quantile(sorted, 0.5).toFixed(2)}` : "-";
  const layers = Object.entries(tally.layers)
    .map(([layer, count]) => `${layer} ${count}`)
    .join(", ");
  console.log(
    `${c.name.padEnd(34)} ${String(passed).padStart(6)} ${String(failed).padStart(6)} ${String(inconclusive).padStart(7)} ` +
      `${String(other).padStart(5)}  ${`${tally.rightReason}/${runs}`.padStart(11)}  ${layers.padEnd(18)} ` +
      `${speedup.padEnd(21)} ${tally.windows.length > 0 ? Math.max(...tally.windows) : "-"}`,
  );
  for (const odd of tally.odd) console.log(`    unexpected: ${odd}`);
  if (tally.rightReason !== runs) allAsExpected = false;
}
if (!only) for (const line of await timeChecks()) console.log(line);
console.log(
  `${allAsExpected ? "every verdict as expected" : "SOME VERDICTS WERE NOT AS EXPECTED"} (${((performance.now() - startedAt) / 60_000).toFixed(1)} min)`,
);
process.exitCode = allAsExpected ? 0 : 1;
