/**
 * The changed lines of a diff with a little context around each: a diff of two arrays of a hundred lines that
 * differ in one shows that one, not the hundred. `- ` lines are what the test expected, `+ ` what it received.
 */
export function compactDiff(diff: string, context = 2, maxLines = 16): string {
  const lines = diff.replace(/\n+$/, "").split("\n");
  const changed = (line: string) => /^[-+] /.test(line) || line === "-" || line === "+";
  const header = lines.findIndex((line) => line === "" || (!changed(line) && !/^[-+] (Expected|Received)/.test(line)));
  const keep = new Set<number>();
  for (const [index, line] of lines.entries()) {
    if (/^[-+] (Expected|Received)\b/.test(line) && index < 3) keep.add(index);
    else if (changed(line)) for (let near = index - context; near <= index + context; near++) keep.add(near);
  }
  const shown: string[] = [];
  let last = -1;
  for (const index of [...keep].filter((i) => i >= 0 && i < lines.length).sort((a, b) => a - b)) {
    if (last >= 0 && index > last + 1 && index > header) shown.push("  …");
    shown.push(lines[index] as string);
    last = index;
  }
  if (shown.length <= maxLines) return shown.join("\n");
  return [...shown.slice(0, maxLines), `  … ${shown.length - maxLines} more lines of the diff`].join("\n");
}
