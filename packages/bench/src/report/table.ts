import { type Figure, type Target, verdict } from "../figure.ts";

/** A number in a width that suits its size: 3 significant digits, no exponent. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const magnitude = Math.abs(value);
  if (magnitude >= 100) return value.toFixed(0);
  if (magnitude >= 10) return value.toFixed(1);
  if (magnitude >= 1) return value.toFixed(2);
  return value.toPrecision(2);
}

function formatTarget(target: Target | undefined, unit: string): string {
  if (!target) return "";
  const u = unit === "x" ? "x" : ` ${unit}`;
  return "atLeast" in target ? `>= ${target.atLeast}${u}` : `<= ${target.atMost}${u}`;
}

/** The terminal table: one row per figure, grouped by section, with the target and whether it is met. */
export function formatTable(sections: { title: string; figures: Figure[] }[]): string {
  const header = ["figure", "median", "spread (min-max)", "n", "target", "", "note"];
  const rows: string[][] = [];
  for (const { title, figures } of sections) {
    rows.push([`# ${title}`]);
    for (const figure of figures) {
      const s = figure.summary;
      const unit = figure.unit === "x" ? "x" : ` ${figure.unit}`;
      const result = verdict(figure);
      rows.push([
        `  ${figure.label}`,
        s ? `${formatNumber(s.median)}${unit}` : "skipped",
        s ? `${formatNumber(s.min)}-${formatNumber(s.max)}` : "",
        s && s.runs.length > 0 ? String(s.runs.length) : "",
        formatTarget(figure.target, figure.unit),
        result === "met" ? "ok" : result === "missed" ? "MISSED" : "",
        figure.note ?? "",
      ]);
    }
  }
  const widths = header.map((h, column) =>
    Math.max(h.length, ...rows.filter((r) => r.length > 1).map((r) => (r[column] ?? "").length)),
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => (column === 0 ? cell.padEnd(widths[0] ?? 0) : cell.padEnd(widths[column] ?? 0)))
      .join("  ")
      .trimEnd();
  return [line(header), ...rows.map((r) => (r.length === 1 ? (r[0] ?? "") : line(r)))].join("\n");
}
