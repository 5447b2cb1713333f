import { mkdtempSync, readdirSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

/** A PATH with every program of this one but `program`. */
export function pathWithout(program: string): string {
  const folder = mkdtempSync(join(tmpdir(), "path-"));
  const seen = new Set<string>();
  for (const from of [dirname(process.execPath), ...(process.env.PATH ?? "").split(":")]) {
    let names: string[];
    try {
      names = readdirSync(from);
    } catch {
      continue;
    }
    for (const name of names) {
      if (name === program || seen.has(name)) continue;
      seen.add(name);
      symlinkSync(join(from, name), join(folder, name));
    }
  }
  return folder;
}
