import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { graderCoreCount, loadAverage } from "../machine.ts";
import { workshop } from "../paths.ts";
import type { InconclusivePolicy, RunProvenance } from "../result.ts";
import type { Protection } from "../run/sandbox.ts";

const graderVersion = (
  JSON.parse(readFileSync(join(workshop.root, "grader", "package.json"), "utf8")) as { version: string }
).version;

/** Where a run's result came from: when, what was graded with what, and on what machine under what load. */
export function provenance(run: {
  startedAt: Date;
  mode: RunProvenance["mode"];
  source: string;
  load: number;
  policy: InconclusivePolicy;
  protection?: Protection;
}): RunProvenance {
  const cores = graderCoreCount();
  const result: RunProvenance = {
    startedAt: run.startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    mode: run.mode,
    grader: { version: graderVersion },
    machine: {
      platform: `${process.platform}-${process.arch}`,
      node: process.versions.node,
      cores: cores.cores,
      coresFrom: cores.from,
      loadAverage: { start: run.load, end: loadAverage() },
    },
    inconclusivePolicy: run.policy,
    ...(run.protection ? { protection: run.protection } : {}),
  };
  const workshopCommit = gitCommit(workshop.root);
  if (workshopCommit) result.grader.workshopCommit = workshopCommit;
  const treeCommit = headCommit(run.source);
  if (treeCommit && treeCommit !== workshopCommit) result.treeCommit = treeCommit;
  return result;
}

/**
 * The commit a learner's checkout has, read from its `.git` folder without running git: a submission's git
 * configuration can make git run commands of its choosing (`core.fsmonitor`), and the grader runs none of them.
 */
function headCommit(folder: string): string | undefined {
  for (let dir = resolve(folder); ; dir = dirname(dir)) {
    const gitDir = join(dir, ".git");
    if (existsSync(gitDir)) return statSync(gitDir).isDirectory() ? commitIn(gitDir) : undefined;
    if (dirname(dir) === dir) return undefined;
  }
}

function commitIn(gitDir: string): string | undefined {
  try {
    const head = readFileSync(join(gitDir, "HEAD"), "utf8").trim();
    if (/^[0-9a-f]{40}$/.test(head)) return head;
    const ref = /^ref: (refs\/[\w./-]+)$/.exec(head)?.[1];
    if (!ref || ref.includes("..")) return undefined;
    const loose = join(gitDir, ref);
    if (existsSync(loose)) return /^[0-9a-f]{40}$/.exec(readFileSync(loose, "utf8").trim())?.[0];
    const packed = readFileSync(join(gitDir, "packed-refs"), "utf8");
    return new RegExp(`^([0-9a-f]{40}) ${ref}$`, "m").exec(packed)?.[1];
  } catch {
    return undefined;
  }
}

/** The commit the workshop itself is at, when it is a git checkout: the grader's own, so git may read it. */
function gitCommit(folder: string): string | undefined {
  try {
    return execFileSync("git", ["rev-parse", "HEAD"], { cwd: folder, stdio: ["ignore", "pipe", "ignore"] })
      .toString()
      .trim();
  } catch {
    return undefined;
  }
}
