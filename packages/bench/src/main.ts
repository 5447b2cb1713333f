// pnpm bench: the workshop's kernel, pool and grader, measured side by side with the lesson's figures and with
// Python's asyncio.to_thread. How to run and read it: docs/bench.md.
import { mkdirSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import { join, relative } from "node:path";
import { parseArgs } from "node:util";
import { saveSvg } from "@workshop/core/plot";
import type { BenchContext, Section, SectionResult } from "./context.ts";
import { verdict } from "./figure.ts";
import { LESSON } from "./lesson.ts";
import { describeMachine } from "./machine.ts";
import { repoRoot, resultsDir } from "./paths.ts";
import { Progress } from "./progress.ts";
import { sweepPlot } from "./report/plot.ts";
import { formatTable } from "./report/table.ts";
import { gradeSpeedSection } from "./sections/grade-speed.ts";
import { gradedRunSection } from "./sections/graded-run.ts";
import { kernelSection } from "./sections/kernel.ts";
import { overheadSection } from "./sections/overhead.ts";
import { parallelSection } from "./sections/parallel.ts";
import { startupSection } from "./sections/startup.ts";
import { type SweepRow, sweepSection } from "./sections/sweep.ts";

/** In the order; the grader's speed last, as it is the longest and the least about the pool. */
const SECTIONS: Section[] = [
  kernelSection,
  parallelSection,
  overheadSection,
  startupSection,
  sweepSection,
  gradeSpeedSection,
  gradedRunSection,
];

const USAGE = `usage: pnpm bench [--quick] [--only ${SECTIONS.map((s) => s.id).join(",")}]

  --quick   at most 3 runs of each measurement, to try the bench out
  --only    run only the named sections, separated by commas`;

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { quick: { type: "boolean", default: false }, only: { type: "string" }, help: { type: "boolean" } },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const only = values.only?.split(",").map((id) => id.trim());
  const unknown = only?.filter((id) => !SECTIONS.some((s) => s.id === id)) ?? [];
  if (unknown.length > 0) {
    console.error(`unknown section ${unknown.join(", ")}\n${USAGE}`);
    return 2;
  }
  const chosen = SECTIONS.filter((s) => !only || only.includes(s.id));
  const progress = new Progress();
  const context: BenchContext = { progress, quick: values.quick };
  const machine = describeMachine();
  const startedAt = new Date();
  const results: (SectionResult & { id: string; title: string; seconds: number })[] = [];
  for (const [i, section] of chosen.entries()) {
    progress.section(i + 1, chosen.length, section.title);
    const start = performance.now();
    const result = await section.run(context);
    results.push({ id: section.id, title: section.title, seconds: (performance.now() - start) / 1000, ...result });
  }
  progress.done();
  const seconds = (Date.now() - startedAt.getTime()) / 1000;

  console.log(formatTable(results));
  const figures = results.flatMap((r) => r.figures);
  const missed = figures.filter((f) => verdict(f) === "missed");
  const targets = figures.filter((f) => verdict(f) !== undefined);
  console.log(
    `\n${targets.length - missed.length} of ${targets.length} targets met in ${seconds.toFixed(0)} s` +
      ` (${machine.cores} cores: ${machine.coresFrom}; ${machine.cpuModel}, Node ${machine.node}, load ${machine.loadAverageAtStart[0]} at start).`,
  );

  // Only the load before the bench counts: during it, the bench's own threads and processes raise the average.
  const before = machine.loadAverageAtStart[0] ?? 0;
  if (before >= machine.cores / 2) {
    console.log(
      `The machine was busy when the bench started (load average ${before.toFixed(1)} on ${machine.cores} cores): ` +
        "other processes may have slowed some runs. Run it again on a quieter machine before trusting a missed target.",
    );
  }

  mkdirSync(resultsDir, { recursive: true });
  const stamp = startedAt.toISOString().replace(/[:.]/g, "-");
  const json = join(resultsDir, `bench-${stamp}.json`);
  writeFileSync(
    json,
    `${JSON.stringify(
      {
        schema: 1,
        date: startedAt.toISOString(),
        seconds,
        quick: context.quick,
        machine: { ...machine, loadAverageAtEnd: loadavg().map((load) => Number(load.toFixed(2))) },
        lesson: LESSON,
        figures,
        sections: results.map(({ id, title, seconds: s, data }) => ({ id, title, seconds: s, data })),
      },
      null,
      2,
    )}\n`,
  );
  console.log(`figures: ${relative(repoRoot, json)}`);
  const sweep = results.find((r) => r.id === "sweep")?.data as { pool: SweepRow[]; perMessage: SweepRow[] } | undefined;
  if (sweep) {
    const svg = join(resultsDir, `sweep-${stamp}.svg`);
    await saveSvg(
      sweepPlot(
        [
          { label: "workshop pool", rows: sweep.pool },
          { label: "one message per task", rows: sweep.perMessage },
        ],
        LESSON.sweep.points,
      ),
      svg,
    );
    console.log(`sweep plot: ${relative(repoRoot, svg)}`);
  }
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
