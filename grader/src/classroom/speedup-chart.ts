import type { TopLevelSpec } from "@workshop/core/plot";
import type { ClassReport } from "./class-report.ts";

/** The speedup distribution for @workshop/core/plot's renderer: every measured speedup by exercise, and the bar. */
export function speedupChartSpec(report: ClassReport): TopLevelSpec | undefined {
  const points = report.exercises.flatMap((e) => e.speedups.map((s) => ({ exercise: e.id, ...s })));
  if (points.length === 0) return undefined;
  const required = report.exercises.flatMap((e) =>
    e.speedups.length === 0 ? [] : [{ exercise: e.id, required: Math.max(...e.speedups.map((s) => s.required)) }],
  );
  const y = { field: "exercise", type: "nominal", title: null } as const;
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    width: 480,
    height: { step: 36 },
    layer: [
      {
        data: { values: required },
        mark: { type: "tick", color: "#57606a", thickness: 2 },
        encoding: { x: { field: "required", type: "quantitative" }, y },
      },
      {
        data: { values: points },
        mark: { type: "point", filled: true, size: 70, opacity: 0.8 },
        encoding: {
          x: { field: "measured", type: "quantitative", title: "measured speedup (serial time / parallel time)" },
          y,
          color: { field: "verdict", type: "nominal", title: "verdict" },
          tooltip: [{ field: "learner" }, { field: "measured" }, { field: "verdict" }],
        },
      },
    ],
  };
}
