import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const script = fileURLToPath(new URL("../python/to_thread_overhead.py", import.meta.url));

export interface PythonOverhead {
  python: string;
  njobs: number[];
  runs: { seconds: number[]; slope: number }[];
}

/**
 * Runs the asyncio.to_thread experiment in python3. Resolves to `undefined`, with the reason, when there is no
 * python3 here or it failed: the bench then skips the comparison rather than failing.
 */
export function measurePythonOverhead(config: {
  total: number;
  njobs: number[];
  repeats: number;
}): { result: PythonOverhead } | { skipped: string } {
  const child = spawnSync("python3", [script, JSON.stringify(config)], { encoding: "utf8", timeout: 60_000 });
  if (child.error) {
    const missing = (child.error as NodeJS.ErrnoException).code === "ENOENT";
    return { skipped: missing ? "python3 not found" : `python3 failed: ${child.error.message}` };
  }
  if (child.status !== 0) return { skipped: `python3 exited with ${child.status}: ${child.stderr.trim().slice(-300)}` };
  return { result: JSON.parse(child.stdout) as PythonOverhead };
}
