import type { TopLevelSpec } from "@workshop/core/plot";
import type { SpeedupReport } from "@workshop/grader/results";

const WIDTH = 330;

/** Dark enough on white for WCAG AA (4.5:1 and more), told apart by shape and dash as well as by colour. */
const COLOURS = { pair: "#1f4e9a", median: "#0b6b2e", required: "#a0111f", ideal: "#4b5563" };

/**
 * The measured speedup as a picture: each timed pair's ratio (one task's time over the split's), the median the
 * verdict uses, the line it must reach, and what the cores would give at best. The median is that of the last
 * window's pairs, the ones drawn filled; a busy machine's earlier windows are drawn hollow and grey, so the line
 * and its label match the points they come from. The labels sit right of the plot (Vega sizes the chart to take
 * them in): no point is under one, however the pairs fall.
 */
export function speedupSpec(speedup: SpeedupReport): TopLevelSpec {
  const perWindow = Math.ceil(speedup.ratios.length / Math.max(1, speedup.windows));
  const decisive = speedup.ratios.length - perWindow;
  const pairs = speedup.ratios.map((ratio, index) => ({
    pair: index + 1,
    ratio,
    window: index >= decisive ? "last" : "earlier",
  }));
  const lines = [
    ...(speedup.measured === undefined
      ? []
      : [{ label: `median ${speedup.measured.toFixed(2)}x`, value: speedup.measured, kind: "median" }]),
    { label: `required ${speedup.required.toFixed(2)}x`, value: speedup.required, kind: "required" },
    { label: `ideal on ${speedup.cores} cores: ${speedup.cores}x`, value: speedup.cores, kind: "ideal" },
  ];
  const top = Math.max(speedup.cores, ...speedup.ratios, speedup.required) * 1.15;
  const y = { field: "ratio", type: "quantitative" as const, title: "speedup (x)", scale: { domain: [0, top] } };
  const x = {
    field: "pair",
    type: "ordinal" as const,
    title: "timed pair (one task, then the split)",
    axis: { labelAngle: 0 },
    scale: { domain: pairs.map((pair) => pair.pair) },
  };
  const earlier = speedup.windows > 1 && decisive > 0;
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    description: `The speedup of each timed pair on ${speedup.cores} cores, with the median, the required line and the ideal`,
    width: WIDTH,
    height: 210,
    title: {
      text: `Speedup, pair by pair, on ${speedup.cores} cores`,
      ...(earlier
        ? {
            subtitle: `median of the last ${perWindow} pairs; hollow: the ${decisive} before, retried`,
          }
        : {}),
    },
    layer: [
      // Only when there are earlier windows: an empty layer would leave an unlabelled group in the SVG.
      ...(earlier
        ? [
            {
              data: { values: pairs.filter((pair) => pair.window === "earlier") },
              mark: { type: "point" as const, filled: false, size: 70, opacity: 1, color: COLOURS.ideal },
              encoding: { x, y, tooltip: [{ field: "ratio", type: "quantitative" as const, format: ".2f" }] },
            },
          ]
        : []),
      {
        data: { values: pairs.filter((pair) => pair.window === "last") },
        mark: { type: "point", filled: true, size: 70, opacity: 1, color: COLOURS.pair },
        encoding: { x, y, tooltip: [{ field: "ratio", type: "quantitative", format: ".2f" }] },
      },
      {
        data: { values: lines },
        mark: { type: "rule", strokeWidth: 2 },
        encoding: {
          y: { field: "value", type: "quantitative" },
          color: {
            field: "kind",
            type: "nominal",
            scale: {
              domain: ["median", "required", "ideal"],
              range: [COLOURS.median, COLOURS.required, COLOURS.ideal],
            },
            legend: null,
          },
          strokeDash: {
            field: "kind",
            type: "nominal",
            scale: {
              domain: ["median", "required", "ideal"],
              range: [
                [1, 0],
                [6, 3],
                [2, 3],
              ],
            },
            legend: null,
          },
        },
      },
      // The labels, right of the plot: the median's and the ideal's just above their lines, the required one just
      // below its line, so that a median close to the requirement (the usual case) keeps both readable.
      {
        data: { values: lines.filter((line) => line.kind !== "required") },
        mark: { type: "text", align: "left", dx: 6, dy: -7, fontSize: 11, color: "#111827" },
        encoding: { y: { field: "value", type: "quantitative" }, x: { value: WIDTH }, text: { field: "label" } },
      },
      {
        data: { values: lines.filter((line) => line.kind === "required") },
        mark: { type: "text", align: "left", dx: 6, dy: 8, fontSize: 11, color: "#111827" },
        encoding: { y: { field: "value", type: "quantitative" }, x: { value: WIDTH }, text: { field: "label" } },
      },
    ],
  };
}

/**
 * The grader's own timing of the learner's sweep on this machine, drawn as exercise 10 asks the learner to draw
 * theirs (seconds against njobs, both axes on a log scale, ticks at the measured njobs, the x axis ending at the
 * last row), so that the two plots side by side compare at a glance.
 */
export function sweepSpec(sweep: NonNullable<SpeedupReport["sweep"]>, cores: number): TopLevelSpec {
  const njobs = sweep.map((row) => row.njobs);
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    description: `The grader's timing of your sweep on this machine (${cores} cores): seconds against njobs`,
    width: 300,
    height: 210,
    title: `The grader's sweep on this machine (${cores} cores)`,
    data: { values: sweep.map((row) => ({ ...row })) },
    mark: { type: "line", point: true, color: COLOURS.pair },
    encoding: {
      x: {
        field: "njobs",
        type: "quantitative",
        scale: { type: "log", domain: [Math.min(...njobs), Math.max(...njobs)] },
        axis: { values: njobs.filter((_, index) => index % 2 === 0), format: "d" },
        title: "njobs (tasks)",
      },
      y: { field: "seconds", type: "quantitative", scale: { type: "log" }, title: "seconds" },
    },
  };
}
