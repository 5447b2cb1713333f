#!/usr/bin/env node
// Runs the grader's tests as if the machine had 1, 3, 4, 8, 16 and 64 cores (WORKSHOP_CORES), one count after
// another, and prints how long each took. On a machine with fewer cores than a count, that count proves the
// structure of the speedup check (its pool, its tasks, the speedup it requires), not its timing: see
// docs/speedup.md, "Any number of cores".
//
//   pnpm --filter @workshop/grader test:cores            the core-dependent test files at every count (~10 min on 2 cores)
//   pnpm --filter @workshop/grader test:cores --quick    at every count: 08's reference and the less-work cheat (.ci/run)
//   pnpm --filter @workshop/grader test:cores --all      the whole grader suite at every count (~30 min on 2 cores)
//   ... test:cores 4 64                                   only these counts
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const COUNTS = [1, 3, 4, 8, 16, 64];
/** The tests whose behaviour depends on the cores the grader sees. */
const CORE_DEPENDENT = [
  "test/instructor/speedup-check.e2e.test.ts",
  "test/instructor/parallel-lessons.e2e.test.ts",
  "test/speedup-rules.test.ts",
  "test/units.test.ts",
];
/** What the issue asks of every count: the reference split's required speedup, and a capped split caught. */
const QUICK = ["test/instructor/speedup-check.e2e.test.ts", "-t", "reference solution of 08|less-work"];

let vitestArgs = CORE_DEPENDENT;
const counts = [];
for (const arg of process.argv.slice(2)) {
  if (arg === "--all") vitestArgs = [];
  else if (arg === "--quick") vitestArgs = QUICK;
  else if (/^\d+$/.test(arg)) counts.push(Number(arg));
  else {
    process.stderr.write(
      `test-core-counts: unknown argument ${arg}\nusage: test-core-counts [--quick | --all] [counts...]\n`,
    );
    process.exit(2);
  }
}
const grader = fileURLToPath(new URL("..", import.meta.url));
const vitest = fileURLToPath(new URL("../node_modules/vitest/vitest.mjs", import.meta.url));

const rows = [];
for (const cores of counts.length > 0 ? counts : COUNTS) {
  process.stdout.write(`\n== WORKSHOP_CORES=${cores}: vitest run ${vitestArgs.join(" ")}\n`);
  const startedAt = performance.now();
  const run = spawnSync(process.execPath, [vitest, "run", ...vitestArgs], {
    cwd: grader,
    stdio: "inherit",
    env: { ...process.env, WORKSHOP_CORES: String(cores) },
  });
  rows.push({ cores, seconds: (performance.now() - startedAt) / 1000, passed: run.status === 0 });
}

process.stdout.write(`\nNode ${process.versions.node}, ${rows.length} core counts:\n`);
for (const { cores, seconds, passed } of rows) {
  process.stdout.write(
    `  ${String(cores).padStart(3)} cores  ${seconds.toFixed(0).padStart(5)} s  ${passed ? "passed" : "FAILED"}\n`,
  );
}
process.exit(rows.every((row) => row.passed) ? 0 : 1);
