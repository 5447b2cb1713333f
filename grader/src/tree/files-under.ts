import { type Dirent, readdirSync } from "node:fs";
import { join } from "node:path";

/**
 * Every file under `root`, as paths from it with `/` separators, on every system. Links are never followed: a
 * submission's link to the solutions would otherwise be read with the grader's rights. A folder that cannot be
 * read is passed over, and one whose name `skip` picks is not entered.
 */
export function filesUnder(root: string, skip: (folderName: string) => boolean = () => false): string[] {
  const found: string[] = [];
  const walk = (folder: string, prefix: string) => {
    let entries: Dirent[];
    try {
      entries = readdirSync(folder, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      if (entry.isDirectory() && !skip(entry.name)) walk(join(folder, entry.name), `${prefix}${entry.name}/`);
      else if (entry.isFile()) found.push(`${prefix}${entry.name}`);
    }
  };
  walk(root, "");
  return found;
}
