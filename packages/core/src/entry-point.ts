import { realpathSync } from "node:fs";
import { fileURLToPath } from "node:url";

/**
 * True when the module at `moduleUrl` is the script Node was asked to run, false when it was imported.
 * The counterpart of Python's `if __name__ == "__main__":`, for a script that also exports its parts:
 *
 * ```ts
 * if (isEntryPoint(import.meta.url)) {
 *   main().catch((error) => { console.error(error); process.exitCode = 1; });
 * }
 * ```
 */
export function isEntryPoint(moduleUrl: string): boolean {
  const script = process.argv[1];
  if (script === undefined) return false;
  try {
    return realpathSync(script) === realpathSync(fileURLToPath(moduleUrl));
  } catch {
    return false;
  }
}
