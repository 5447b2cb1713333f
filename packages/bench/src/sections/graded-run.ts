import { spawn } from "node:child_process";
import type { Finished } from "../child.ts";
import { type BenchContext, runs, type Section } from "../context.ts";
import { type Figure, measured, skipped } from "../figure.ts";
import { TARGETS } from "../lesson.ts";
import { repoRoot } from "../paths.ts";
import { repeat } from "../progress.ts";
import { gradeRun } from "./grade-speed.ts";

const grader = ["grader/bin/grade.js"];
/** One exercise that is not parallel: the graded run's own cost, without a speedup check in it. */
const ONE = "3";

/** Alternates two commands, `pairs` times, so that a machine getting busier or quieter favours neither. */
async function inPairs(
  context: BenchContext,
  label: string,
  pairs: number,
  first: () => Promise<Finished>,
  second: () => Promise<Finished>,
): Promise<number[]> {
  return repeat(context.progress, label, pairs, async (pair) => {
    if (pair % 2 === 0) {
      const a = await first();
      return a.seconds / (await second()).seconds;
    }
    const b = await second();
    return (await first()).seconds / b.seconds;
  });
}

/** The speedup the reference 08's split reaches, as one graded run measures it (`--json`'s report). */
async function measuredSpeedup(extra: string[]): Promise<number | undefined> {
  const child = spawn(process.execPath, [...grader, "--target", "solutions", "8", "--json", ...extra], {
    cwd: repoRoot,
    env: { ...process.env, NO_COLOR: "1" },
    stdio: ["ignore", "pipe", "ignore"],
  });
  let out = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
    out += chunk;
  });
  await new Promise((resolve) => child.on("close", resolve));
  try {
    const report = JSON.parse(out) as { exercises: { speedup?: { measured?: number; verdict: string } }[] };
    const speedup = report.exercises[0]?.speedup;
    return speedup?.verdict === "passed" ? speedup.measured : undefined;
  } catch {
    return undefined;
  }
}

/**
 * What judging across the sandbox's boundary costs, each as a ratio measured in the same run, pair by pair: one
 * graded exercise sandboxed against the same unprotected (`--no-sandbox`, the learner's code in the test process);
 * against a practice run of it; and the reference split's speedup as the judge measures it against the same
 * measured in one process.
 */
export const gradedRunSection: Section = {
  id: "graded",
  title: "graded runs across the sandbox's boundary",
  async run(context: BenchContext) {
    const pairs = runs(context, 5);
    const sandboxed = () => gradeRun(["--target", "solutions", ONE]);
    const figures: Figure[] = [
      measured(
        "graded.sandboxCost",
        "graded 03: sandboxed / --no-sandbox",
        "x",
        await inPairs(context, "graded 03, sandboxed and not", pairs, sandboxed, () =>
          gradeRun(["--target", "solutions", ONE, "--no-sandbox"]),
        ),
        { target: { atMost: TARGETS.sandboxCost }, note: "each exercise's judge and learner's processes included" },
      ),
      measured(
        "graded.vsPractice",
        "graded 03 (sandboxed) / practice run of 03",
        "x",
        await inPairs(context, "graded 03 and a practice run of it", pairs, sandboxed, () =>
          gradeRun(["--solutions", ONE]),
        ),
        { target: { atMost: TARGETS.gradedVsPractice } },
      ),
    ];
    const ratios: number[] = [];
    const notes: string[] = [];
    await repeat(context.progress, "08's speedup, judged apart and in one process", runs(context, 3), async () => {
      const apart = await measuredSpeedup([]);
      const together = await measuredSpeedup(["--no-sandbox"]);
      if (apart !== undefined && together !== undefined) ratios.push(apart / together);
      else notes.push("a run not timed (busy machine)");
    });
    figures.push(
      ratios.length > 0
        ? measured("graded.speedupAcross", "08's speedup: judged apart / in one process", "x", ratios, {
            target: { atLeast: TARGETS.speedupAcross },
            ...(notes.length > 0 ? { note: `${notes.length} of the pairs not timed (busy machine)` } : {}),
          })
        : skipped("graded.speedupAcross", "08's speedup: judged apart / in one process", "x", "never timed: busy"),
    );
    return { figures };
  },
};
