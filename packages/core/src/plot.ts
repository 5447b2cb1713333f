import { writeFile } from "node:fs/promises";
import { parse, View } from "vega";
import { compile, type TopLevelSpec } from "vega-lite";

/** A Vega-Lite chart specification, re-exported so exercises need no dependency on vega-lite of their own. */
export type { TopLevelSpec };

/**
 * Renders a Vega-Lite specification to SVG text, in Node, without a browser or a canvas.
 *
 * Vega-Lite is a grammar of graphics like the lesson's plotnine: the learner says which field goes on which
 * axis and on which scale, and the renderer draws it.
 */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const view = new View(parse(compile(spec).spec), { renderer: "none" });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** Renders `spec` and writes the SVG to `file`. */
export async function saveSvg(spec: TopLevelSpec, file: string): Promise<void> {
  await writeFile(file, await renderSvg(spec));
}
