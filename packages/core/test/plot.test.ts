import { describe, expect, it } from "vitest";
import { renderSvg } from "../src/plot.ts";

describe("renderSvg", () => {
  it("renders a Vega-Lite spec to SVG without a browser, with one mark per data point", async () => {
    const svg = await renderSvg({
      data: { values: [1, 10, 100].map((x) => ({ x, y: x * 2 })) },
      mark: "point",
      encoding: {
        x: { field: "x", type: "quantitative", scale: { type: "log" } },
        y: { field: "y", type: "quantitative" },
      },
    });
    expect(svg.startsWith("<svg")).toBe(true);
    expect(svg.match(/aria-roledescription="point"/g) ?? []).toHaveLength(3);
  });
});
