import type { TopLevelSpec } from "@workshop/core/plot";

export interface PlotSeries {
  label: string;
  rows: { njobs: number; median: number; min: number; max: number }[];
}

/**
 * The efficiency sweep on log axes, like the lesson's figure: each measured series as a line through its
 * medians, with a bar from the fastest to the slowest run, and the lesson's three points beside them.
 */
export function sweepPlot(series: PlotSeries[], lesson: readonly { njobs: number; seconds: number }[]): TopLevelSpec {
  const lessonLabel = "lesson (Python + Numba)";
  const values = [
    ...series.flatMap(({ label, rows }) => rows.map((row) => ({ ...row, seconds: row.median, series: label }))),
    ...lesson.map((point) => ({ ...point, series: lessonLabel })),
  ];
  const x = { field: "njobs", type: "quantitative", scale: { type: "log", base: 2 }, title: "njobs (tasks)" } as const;
  const y = { field: "seconds", type: "quantitative", scale: { type: "log" }, title: "seconds" } as const;
  const color = { field: "series", type: "nominal", title: null } as const;
  const measuredOnly = { filter: { not: { field: "series", equal: lessonLabel } } };
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    description: "2^25 samples split into 1 to 2^18 tasks: the workshop's pool beside the lesson's figure",
    width: 560,
    height: 340,
    config: { legend: { labelLimit: 0 } },
    data: { values },
    layer: [
      {
        transform: [measuredOnly],
        mark: { type: "rule" },
        encoding: { x, y: { field: "min", type: "quantitative", scale: { type: "log" } }, y2: { field: "max" }, color },
      },
      { transform: [measuredOnly], mark: { type: "line", point: true }, encoding: { x, y, color } },
      {
        transform: [{ filter: { field: "series", equal: lessonLabel } }],
        mark: { type: "point", shape: "diamond", size: 120, filled: true },
        encoding: { x, y, color },
      },
    ],
  };
}
