/**
 * What the saved plot must show: one point per row and both axes on a log scale. Vega labels what it draws for
 * screen readers (`aria-roledescription="point"`, `aria-label="X-axis ... log scale ..."`), so the SVG text says
 * what is on the chart without rendering it.
 */
export function plotProblem(svg: string | undefined, rows: number): string | undefined {
  if (svg === undefined) return "savePlot(timings, file) did not write the file it was given.";
  if (!svg.trimStart().startsWith("<svg")) return "savePlot(timings, file) wrote a file that is not an SVG image.";
  const points = svg.match(/aria-roledescription="point"/g)?.length ?? 0;
  if (points !== rows) {
    return `the plot of the ${rows} rows of the sweep has ${points} points: draw one point per row (njobs).`;
  }
  for (const axis of ["X", "Y"]) {
    if (!new RegExp(`aria-label="${axis}-axis[^"]*log scale`).test(svg)) {
      return `the plot's ${axis.toLowerCase()} axis is not on a log scale: use scale: { type: "log" } for it.`;
    }
  }
  return undefined;
}
