import { existsSync, readFileSync } from "node:fs";
import { availableParallelism, cpus, loadavg } from "node:os";
import { dirname, join, relative } from "node:path";

/** How many cores, and where that number comes from, in words for a report: "2 cores (CPU quota 2 of 16)". */
export interface CoreCount {
  cores: number;
  /** Why this many: "CPU quota 2 of 16", "CPU affinity 4 of 16", "all the machine has", or "set by WORKSHOP_CORES". */
  from: string;
}

/** What limits a process's cores, and where the kernel says so; tests point the files at fakes. */
export interface CpuLimitFiles {
  /** The cgroup mounts' root: `/sys/fs/cgroup`. */
  cgroupRoot: string;
  /** The process's own cgroups, one line per hierarchy: `/proc/self/cgroup`. */
  selfCgroup: string;
  /** The cores the process's CPU affinity allows (`os.availableParallelism()`, which respects `taskset`). */
  affinity: number;
  /** The machine's cores (`os.cpus().length`), which may be 0 where the system hides them. */
  machine: number;
}

const thisProcess = (): CpuLimitFiles => ({
  cgroupRoot: "/sys/fs/cgroup",
  selfCgroup: "/proc/self/cgroup",
  affinity: availableParallelism(),
  machine: cpus().length,
});

/**
 * The cores this process can really run on: the smaller of its CPU affinity and its cgroup's CPU quota, whatever
 * `WORKSHOP_CORES` says. A container started with `--cpus=2` on a 16-core host (Gradescope's, a CI runner's)
 * keeps all 16 in its affinity, and `os.availableParallelism()` says 16, but the kernel lets it use 2 cores'
 * worth of time: a speedup required for 16 cores could never be measured there.
 */
export function machineCoreCount(files: CpuLimitFiles = thisProcess()): CoreCount {
  const quota = cpuQuota(files);
  // Whole cores only: a quota of 2.5 cores gives a split at most 2.5x, and the speedup required on 3 cores (1.6x)
  // would be measured on cores that are only partly there. One core at the least: a quota of half a core still runs.
  const quotaCores = quota === undefined ? undefined : Math.max(1, Math.floor(quota));
  if (quotaCores !== undefined && quotaCores < files.affinity) {
    return { cores: quotaCores, from: `CPU quota ${formatCores(quota as number)} of ${files.affinity}` };
  }
  if (files.affinity < files.machine) {
    return { cores: files.affinity, from: `CPU affinity ${files.affinity} of ${files.machine}` };
  }
  return { cores: files.affinity, from: "all the machine has" };
}

/**
 * The cores the grader measures with: the machine's (`machineCoreCount`), unless `WORKSHOP_CORES` says otherwise.
 * The override is for simulating another machine in the grader's own tests, where it proves the structure of the
 * checks (what is required, how work is sized) and nothing about timing: the real cores are still the ones the
 * machine has.
 */
export function graderCoreCount(env: NodeJS.ProcessEnv = process.env, files?: CpuLimitFiles): CoreCount {
  const override = env.WORKSHOP_CORES;
  if (override === undefined || override === "") return machineCoreCount(files);
  const cores = Number(override);
  if (!Number.isInteger(cores) || cores < 1 || cores > 1024) {
    throw new Error(`WORKSHOP_CORES must be a whole number of cores from 1 to 1024, not "${override}"`);
  }
  return { cores, from: "set by WORKSHOP_CORES" };
}

export function graderCores(env: NodeJS.ProcessEnv = process.env, files?: CpuLimitFiles): number {
  return graderCoreCount(env, files).cores;
}

/** What a timing can use: above it, a `WORKSHOP_CORES` override only simulates. */
export function machineCores(files?: CpuLimitFiles): number {
  return machineCoreCount(files).cores;
}

/** "2 cores (CPU quota 2 of 16)": the count and its source, as a report states them. */
export function describeCores(count: CoreCount): string {
  return `${count.cores} ${count.cores === 1 ? "core" : "cores"} (${count.from})`;
}

/**
 * The tightest CPU quota, in cores, over the process's cgroup and every cgroup above it, in both cgroup versions
 * (a hybrid system mounts v1's `cpu` controller beside v2's unified tree); undefined when none is set or none can
 * be read. A cgroup's limit binds every cgroup below it, so a container's own cgroup may say "max" while its
 * parent holds the quota, as systemd slices do.
 */
export function cpuQuota(files: CpuLimitFiles): number | undefined {
  let lines: string[];
  try {
    lines = readFileSync(files.selfCgroup, "utf8").split("\n");
  } catch {
    return undefined;
  }
  const quotas: number[] = [];
  for (const line of lines) {
    // `hierarchy-id:controllers:path`; v2's line is `0::path`. The path may itself hold colons.
    const match = /^(\d+):([^:]*):(\/.*)$/.exec(line.trim());
    if (!match) continue;
    const [, id, controllers = "", path = "/"] = match;
    if (id === "0" && controllers === "") {
      // Pure v2 mounts the unified tree at the root; a hybrid system at `unified/`.
      for (const mount of [files.cgroupRoot, join(files.cgroupRoot, "unified")]) {
        quotas.push(...limitsUpFrom(mount, path, readCpuMax));
      }
    } else if (controllers.split(",").includes("cpu")) {
      // v1 mounts the controller under its own name, or joined with cpuacct (with `cpu` as a link to it).
      for (const name of new Set(["cpu", controllers, "cpu,cpuacct", "cpuacct,cpu"])) {
        quotas.push(...limitsUpFrom(join(files.cgroupRoot, name), path, readCfsQuota));
      }
    }
  }
  return quotas.length === 0 ? undefined : Math.min(...quotas);
}

/**
 * The limits read in the cgroup at `path` of the hierarchy mounted at `mount`, and in each one above it up to the
 * mount. Inside a container the mount is often the container's own cgroup while `/proc/self/cgroup` still gives
 * the host's full path (`/docker/<id>`): the deepest part of that path found under the mount is where it starts.
 */
function limitsUpFrom(mount: string, path: string, read: (folder: string) => number | undefined): number[] {
  const parts = path.split("/").filter(Boolean);
  let start = mount;
  for (let skip = 0; skip <= parts.length; skip++) {
    const candidate = join(mount, ...parts.slice(skip));
    if (skip === parts.length || existsSync(candidate)) {
      start = candidate;
      break;
    }
  }
  const limits: number[] = [];
  for (let folder = start; ; folder = dirname(folder)) {
    const limit = read(folder);
    if (limit !== undefined) limits.push(limit);
    if (relative(mount, folder) === "") return limits;
  }
}

/** cgroup v2's `cpu.max`: "max 100000" (no limit) or "<quota> <period>", both in microseconds. */
function readCpuMax(folder: string): number | undefined {
  const [quota, period = "100000"] = readOrEmpty(join(folder, "cpu.max")).trim().split(/\s+/);
  return coresOf(quota, period);
}

/** cgroup v1's `cpu.cfs_quota_us` (-1: no limit) over `cpu.cfs_period_us`. */
function readCfsQuota(folder: string): number | undefined {
  const quota = readOrEmpty(join(folder, "cpu.cfs_quota_us")).trim();
  return coresOf(quota, readOrEmpty(join(folder, "cpu.cfs_period_us")).trim());
}

function coresOf(quota: string | undefined, period: string): number | undefined {
  const quotaUs = Number(quota);
  const periodUs = Number(period);
  if (!quota || !Number.isFinite(quotaUs) || quotaUs <= 0 || !Number.isFinite(periodUs) || periodUs <= 0) {
    return undefined;
  }
  return quotaUs / periodUs;
}

function readOrEmpty(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return "";
  }
}

/** 2, or 1.5: a quota as people write it. */
function formatCores(cores: number): string {
  return Number(cores.toFixed(2)).toString();
}

/** The machine's load over the last minute: the mean number of processes that wanted a core. */
export function loadAverage(): number {
  return Number((loadavg()[0] ?? 0).toFixed(2));
}
