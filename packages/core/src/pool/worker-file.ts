import { existsSync, statSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** How piscina should load the pi worker: which file, and the Node flags the thread needs to run it. */
export interface WorkerFile {
  filename: string;
  execArgv: string[];
}

const here = fileURLToPath(new URL(".", import.meta.url));
/** The sources the compiled worker is built from; if any is newer, the build is stale and must not be used. */
const workerSources = [
  "pi-worker.ts",
  "batch-message.ts",
  "task.ts",
  "../kernel/calc-pi.ts",
  "../kernel/seeds.ts",
  "../kernel/xorshift32.ts",
];

/**
 * Picks the fastest way to start the worker that still runs the current code.
 *
 * A compiled `.js` worker (from `pnpm build`, which `pnpm install` runs) starts in about 60 ms. Without it the
 * `.ts` source runs directly: Node 22.18+ strips the types itself, and Node 20 loads tsx into each thread, which
 * costs about 270 ms a thread. A stale build would silently run old code, so it is used only when it is newer
 * than every source it was built from.
 */
export function resolveWorkerFile(): WorkerFile {
  const source = new URL("./pi-worker.ts", import.meta.url);
  if (import.meta.url.endsWith(".js")) {
    return { filename: fileURLToPath(new URL("./pi-worker.js", import.meta.url)), execArgv: [] };
  }
  const compiled = fileURLToPath(new URL("../../dist/pool/pi-worker.js", import.meta.url));
  if (existsSync(compiled) && isNewerThanSources(compiled)) {
    return { filename: compiled, execArgv: [] };
  }
  const nodeStripsTypes = Boolean((process.features as { typescript?: unknown }).typescript);
  // tsx is found from core's own folder, so the pool works whatever folder the program was started in.
  return { filename: fileURLToPath(source), execArgv: nodeStripsTypes ? [] : ["--import", import.meta.resolve("tsx")] };
}

function isNewerThanSources(compiled: string): boolean {
  const builtAt = statSync(compiled).mtimeMs;
  return workerSources.every((file) => statSync(`${here}${file}`).mtimeMs <= builtAt);
}
