import { spawn } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Finished, timeCommand, watchChild } from "../child.ts";
import { type BenchContext, runs, type Section } from "../context.ts";
import { type Figure, measured, skipped } from "../figure.ts";
import { TARGETS } from "../lesson.ts";
import { repoRoot } from "../paths.ts";
import { repeat } from "../progress.ts";

/** `pnpm grade` as its bin starts it, without pnpm's own start-up (which is the same for any command). */
const grader = ["grader/bin/grade.js"];
/** The exercises a watch session is timed on: three non-parallel ones, saved one after the other. */
const WATCHED = ["01-integers", "02-even-numbers", "03-fibonacci"];
const WAIT_MS = 60_000;

/** The learner's code files of an exercise: its .ts files other than the tests. */
function codeFiles(folder: string): string[] {
  return readdirSync(folder).filter((file) => file.endsWith(".ts") && !file.endsWith(".test.ts"));
}

function copyCode(from: string, to: string): void {
  mkdirSync(to, { recursive: true });
  for (const file of codeFiles(from)) copyFileSync(join(from, file), join(to, file));
}

/**
 * One watch session, as a learner has it: `--watch` on a copy of the first three starters, with a state folder of
 * its own. After each failing verdict, the solution is saved over the starter, and the time to the "passes!"
 * line is one re-grade. Also returns the time from start to the first verdict.
 */
async function watchSession(): Promise<{ firstVerdict: number; regrades: number[] }> {
  const target = mkdtempSync(join(tmpdir(), "bench-watch-"));
  const state = mkdtempSync(join(tmpdir(), "bench-watch-state-"));
  for (const id of WATCHED) copyCode(join(repoRoot, "exercises", id), join(target, id));
  const start = performance.now();
  const child = spawn(process.execPath, [...grader, "--watch", "--target", target, "1"], {
    cwd: repoRoot,
    stdio: ["pipe", "pipe", "pipe"],
    env: { ...process.env, NO_COLOR: "1", WORKSHOP_STATE_DIR: state },
  });
  const watch = watchChild(child);
  const exited = new Promise((resolve) => child.on("close", resolve));
  try {
    let firstVerdict = 0;
    const regrades: number[] = [];
    for (const [i, id] of WATCHED.entries()) {
      const waited = await watch.waitFor(new RegExp(`watching ${id}/`), 0, WAIT_MS);
      if (i === 0) firstVerdict = (waited - start) / 1000;
      const from = watch.length();
      const savedAt = performance.now();
      copyCode(join(repoRoot, "solutions", id), join(target, id));
      regrades.push((await watch.waitFor(new RegExp(`${id} passes!`), from, WAIT_MS)) - savedAt);
    }
    child.stdin?.write("q\n");
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
    return { firstVerdict, regrades: regrades.map((ms) => ms / 1000) };
  } finally {
    child.kill("SIGKILL");
    rmSync(target, { recursive: true, force: true });
    rmSync(state, { recursive: true, force: true });
  }
}

/** Runs `pnpm grade <args>` as a learner's command would, timing the whole process from start to exit. */
export function gradeRun(args: string[]): Promise<Finished> {
  return timeCommand(process.execPath, [...grader, ...args], repoRoot, 180_000);
}

/**
 * The time is the figure whatever the verdict, but a run where a solution did not pass is named in the note:
 * its time may not be a normal one (a timed-out exercise, a speed check failed on a busy machine).
 */
function failures(finished: Finished[]): { note?: string } {
  const failed = finished.filter((f) => f.code !== 0);
  const last = failed.at(-1);
  if (!last) return {};
  const reason = last.tail.split("\n").find((line) => /speedup|failed|timed out|error/i.test(line)) ?? last.tail;
  return {
    note: `${failed.length} of ${finished.length} runs exited with ${last.code}: ${reason.trim().slice(0, 120)}`,
  };
}

/**
 * Grade speed, the grader's targets: every solution graded, one non-parallel exercise graded, each as a process
 * from start to exit; and a watch-mode re-grade, from saving a file to the verdict.
 */
export const gradeSpeedSection: Section = {
  id: "grade",
  title: "grade speed",
  async run(context: BenchContext) {
    const { progress } = context;
    const all = await repeat(progress, "pnpm grade --solutions", runs(context, 3), () => gradeRun(["--solutions"]));
    const one = await repeat(progress, "pnpm grade --solutions 3", runs(context, 3), () =>
      gradeRun(["--solutions", "3"]),
    );
    const figures: Figure[] = [
      measured(
        "grade.all",
        "pnpm grade --solutions (10 exercises)",
        "s",
        all.map((f) => f.seconds),
        {
          target: { atMost: TARGETS.gradeAllSeconds },
          ...failures(all),
        },
      ),
      measured(
        "grade.one",
        "pnpm grade --solutions 3 (03-fibonacci)",
        "s",
        one.map((f) => f.seconds),
        {
          target: { atMost: TARGETS.gradeOneSeconds },
          ...failures(one),
        },
      ),
    ];
    try {
      progress.step(`watch mode: saving ${WATCHED.join(", ")}`);
      const session = await watchSession();
      figures.push(
        measured("grade.watchRegrade", "watch: save to verdict (01, 02, 03)", "s", session.regrades, {
          target: { atMost: TARGETS.watchRegradeSeconds },
          note: `first verdict ${session.firstVerdict.toFixed(1)} s after start`,
        }),
      );
    } catch (error) {
      figures.push(
        skipped(
          "grade.watchRegrade",
          "watch: save to verdict",
          "s",
          `watch session failed: ${String(error).slice(0, 300)}`,
          {
            atMost: TARGETS.watchRegradeSeconds,
          },
        ),
      );
    }
    return { figures };
  },
};
