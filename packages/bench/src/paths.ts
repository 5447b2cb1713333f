import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository's root folder: the grader runs from there, and the results go there. */
export const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));

/** `@workshop/core`'s folder, found the way the bench imports it. */
export const coreRoot = fileURLToPath(new URL("../", import.meta.resolve("@workshop/core")));

export const resultsDir = join(repoRoot, "bench-results");

/**
 * Whether core's compiled JavaScript is there and newer than every source file of the kernel and the pool: the
 * pool starts its threads from it only then, and the kernel's "plain JS" figure needs it.
 */
export function compiledCoreIsCurrent(): boolean {
  const dist = join(coreRoot, "dist");
  const newestSource = ["kernel", "pool"]
    .flatMap((folder) => readdirSync(join(coreRoot, "src", folder)).map((file) => join(coreRoot, "src", folder, file)))
    .reduce((newest, file) => Math.max(newest, statSync(file).mtimeMs), 0);
  try {
    return ["kernel/calc-pi.js", "pool/pi-worker.js"].every(
      (file) => statSync(join(dist, file)).mtimeMs >= newestSource,
    );
  } catch {
    return false;
  }
}
