import type { TopLevelSpec } from "@workshop/core/plot";
import type { SpeedupReport } from "@workshop/grader/src/result.ts";

const WIDTH = 330;

/** Dark enough on white for WCAG AA (4.5:1 and more), told apart by shape and dash as well as by colour. */
const COLOURS = { pair: "#1f4e9a", median: "#0b6b2e", required: "#a0111f", ideal: "#4b5563" };

/**
 * The measured speedup as a picture: each timed pair's ratio (one task's time over the split's), the median the
 * verdict uses, the line it must reach, and what the cores would give at best.
 */
export function speedupSpec(speedup: SpeedupReport): TopLevelSpec {
  const pairs = speedup.ratios.map((ratio, index) => ({ pair: index + 1, ratio }));
  const lines = [
    ...(speedup.measured === undefined
      ? []
      : [{ label: `median ${speedup.measured.toFixed(2)}x`, value: speedup.measured, kind: "median" }]),
    { label: `required ${speedup.required.toFixed(2)}x`, value: speedup.required, kind: "required" },
    { label: `ideal on ${speedup.cores} cores: ${speedup.cores}x`, value: speedup.cores, kind: "ideal" },
  ];
  const top = Math.max(speedup.cores, ...speedup.ratios, speedup.required) * 1.15;
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    description: `The speedup of each timed pair on ${speedup.cores} cores, with the median, the required line and the ideal`,
    width: WIDTH,
    height: 210,
    title: `Speedup, pair by pair, on ${speedup.cores} cores`,
    layer: [
      {
        data: { values: pairs },
        mark: { type: "point", filled: true, size: 70, opacity: 1, color: COLOURS.pair },
        encoding: {
          x: {
            field: "pair",
            type: "ordinal",
            title: "timed pair (one task, then the split)",
            axis: { labelAngle: 0 },
          },
          y: { field: "ratio", type: "quantitative", title: "speedup (x)", scale: { domain: [0, top] } },
          tooltip: [{ field: "ratio", type: "quantitative", format: ".2f" }],
        },
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
      // The labels: the median's and the ideal's above their lines on the left, the required one below its line on
      // the right, so that a median close to the requirement (the usual case) keeps both readable.
      {
        data: { values: lines.filter((line) => line.kind !== "required") },
        mark: { type: "text", align: "left", dx: 4, dy: -7, fontSize: 11, color: "#111827" },
        encoding: { y: { field: "value", type: "quantitative" }, x: { value: 0 }, text: { field: "label" } },
      },
      {
        data: { values: lines.filter((line) => line.kind === "required") },
        mark: { type: "text", align: "right", dx: -4, dy: 9, fontSize: 11, color: "#111827" },
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
