// The cores the grader counts, read from fake cgroup files: a container's CPU quota, cgroup v1 and v2, limits set
// on a parent cgroup, and files that are missing or cannot be read. Nothing here depends on this machine's cores.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import {
  type CpuLimitFiles,
  cpuQuota,
  describeCores,
  graderCoreCount,
  machineCoreCount,
  machineCores,
} from "../src/machine.ts";

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

/**
 * A fake system: `cgroup` is what /proc/self/cgroup says, `files` the cgroup files by path below the mount root
 * (a path ending in "/" is made a folder, which cannot be read as a file).
 */
function fakeSystem(
  cgroup: string,
  files: Record<string, string>,
  cores = { affinity: 16, machine: 16 },
): CpuLimitFiles {
  const root = mkdtempSync(join(tmpdir(), "fake-cgroup-"));
  folders.push(root);
  const cgroupRoot = join(root, "sys/fs/cgroup");
  mkdirSync(cgroupRoot, { recursive: true });
  for (const [path, content] of Object.entries(files)) {
    const file = join(cgroupRoot, path);
    if (path.endsWith("/")) {
      mkdirSync(file, { recursive: true });
      continue;
    }
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, content);
  }
  const selfCgroup = join(root, "proc-self-cgroup");
  writeFileSync(selfCgroup, cgroup);
  return { cgroupRoot, selfCgroup, ...cores };
}

const V1_HYBRID = "12:pids:/\n4:memory:/user.slice\n3:cpu,cpuacct:/docker/abc\n1:name=systemd:/\n0::/\n";

describe("the cores a process really has", () => {
  it("are the CPU quota's on cgroup v2: 2 of 16 in a container started with --cpus=2", () => {
    const system = fakeSystem("0::/\n", { "cpu.max": "200000 100000\n" });
    expect(machineCoreCount(system)).toEqual({ cores: 2, from: "CPU quota 2 of 16" });
    expect(describeCores(machineCoreCount(system))).toBe("2 cores (CPU quota 2 of 16)");
  });

  it("are the affinity's when the quota is max, or when there is no quota file at all", () => {
    expect(machineCoreCount(fakeSystem("0::/\n", { "cpu.max": "max 100000\n" }))).toEqual({
      cores: 16,
      from: "all the machine has",
    });
    expect(machineCores(fakeSystem("0::/\n", {}))).toBe(16);
  });

  it("follow a quota held by a parent cgroup, and the tightest of several", () => {
    const parent = fakeSystem("0::/grading.slice/run-7.scope\n", {
      "grading.slice/cpu.max": "300000 100000",
      "grading.slice/run-7.scope/cpu.max": "max 100000",
    });
    expect(machineCores(parent)).toBe(3);
    const both = fakeSystem("0::/grading.slice/run-7.scope\n", {
      "grading.slice/cpu.max": "300000 100000",
      "grading.slice/run-7.scope/cpu.max": "400000 200000",
    });
    expect(machineCores(both)).toBe(2);
  });

  it("find the container's own cgroup when /proc/self/cgroup gives the host's path", () => {
    // Docker mounts the container's cgroup as the root of the tree, while the path still reads /docker/<id>.
    const system = fakeSystem("0::/docker/abc\n", { "cpu.max": "200000 100000", "docker/": "" });
    expect(machineCores(system)).toBe(2);
  });

  it("are read from cgroup v1's cpu.cfs_quota_us over cpu.cfs_period_us, where -1 means no quota", () => {
    const limited = fakeSystem(V1_HYBRID, {
      "cpu,cpuacct/cpu.cfs_quota_us": "200000\n",
      "cpu,cpuacct/cpu.cfs_period_us": "100000\n",
    });
    expect(machineCoreCount(limited)).toEqual({ cores: 2, from: "CPU quota 2 of 16" });
    const unlimited = fakeSystem(V1_HYBRID, {
      "cpu/cpu.cfs_quota_us": "-1\n",
      "cpu/cpu.cfs_period_us": "100000\n",
      "unified/cpu.max": "max 100000",
    });
    expect(machineCoreCount(unlimited)).toEqual({ cores: 16, from: "all the machine has" });
  });

  it("round a part of a core down, but never below one core", () => {
    const half = fakeSystem("0::/\n", { "cpu.max": "50000 100000" });
    expect(machineCoreCount(half)).toEqual({ cores: 1, from: "CPU quota 0.5 of 16" });
    expect(describeCores(machineCoreCount(half))).toBe("1 core (CPU quota 0.5 of 16)");
    expect(machineCoreCount(fakeSystem("0::/\n", { "cpu.max": "250000 100000" })).cores).toBe(2);
  });

  it("are the affinity's when it is smaller than the quota (taskset), and say so", () => {
    const system = fakeSystem("0::/\n", { "cpu.max": "800000 100000" }, { affinity: 4, machine: 16 });
    expect(machineCoreCount(system)).toEqual({ cores: 4, from: "CPU affinity 4 of 16" });
  });

  it("ignore files that are missing, unreadable or garbled, and keep the affinity's count", () => {
    const unreadable = fakeSystem("0::/\n", { "cpu.max/": "" });
    expect(cpuQuota(unreadable)).toBeUndefined();
    expect(machineCores(unreadable)).toBe(16);
    expect(cpuQuota(fakeSystem("0::/\n", { "cpu.max": "lots 100000" }))).toBeUndefined();
    expect(cpuQuota(fakeSystem("0::/\n", { "cpu.max": "200000 0" }))).toBeUndefined();
    // A quota is microseconds per period: without the period it says nothing.
    expect(cpuQuota(fakeSystem(V1_HYBRID, { "cpu,cpuacct/cpu.cfs_quota_us": "200000" }))).toBeUndefined();
    const noSelf = { ...fakeSystem("", {}), selfCgroup: "/nonexistent/proc/self/cgroup" };
    expect(machineCoreCount(noSelf)).toEqual({ cores: 16, from: "all the machine has" });
  });

  it("give way to WORKSHOP_CORES, which names itself as the source", () => {
    const system = fakeSystem("0::/\n", { "cpu.max": "200000 100000" });
    expect(graderCoreCount({ WORKSHOP_CORES: "8" }, system)).toEqual({ cores: 8, from: "set by WORKSHOP_CORES" });
    expect(graderCoreCount({}, system)).toEqual({ cores: 2, from: "CPU quota 2 of 16" });
  });
});
