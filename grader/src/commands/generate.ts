import type { Exercise } from "../curriculum/load-curriculum.ts";
import { staleDerivedFiles, writeDerivedFiles } from "../derived-files.ts";

/**
 * `pnpm instructor generate [--check]`: rewrites the files made from the exercises, or (`check`) changes nothing
 * and names those out of date. Resolves with the exit code: 1 while any is stale.
 */
export function generateCommand(curriculum: Exercise[], check: boolean): number {
  if (!check) {
    for (const file of writeDerivedFiles(curriculum)) process.stdout.write(`wrote ${file}\n`);
    return 0;
  }
  const stale = staleDerivedFiles(curriculum);
  if (stale.length === 0) {
    process.stdout.write("every derived file is up to date\n");
    return 0;
  }
  process.stderr.write(`out of date: ${stale.join(", ")}. Run \`pnpm instructor generate\` and commit them.\n`);
  return 1;
}
