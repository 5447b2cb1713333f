/** The part of Mermaid's browser build (served at /assets/mermaid.js, a global) that the page uses. */
interface Mermaid {
  initialize(config: Record<string, unknown>): void;
  run(options: { nodes: HTMLElement[]; suppressErrors?: boolean }): Promise<void>;
}

/**
 * Draws each ```mermaid block of the lesson as SVG, in place of its source. `strict`: a diagram's labels are
 * text, never HTML, and its links cannot run scripts. A diagram Mermaid cannot parse keeps its source, shown.
 */
export async function drawDiagrams(): Promise<void> {
  const mermaid = (globalThis as { mermaid?: Mermaid }).mermaid;
  const nodes = [...document.querySelectorAll<HTMLElement>("pre.mermaid")];
  if (!mermaid || nodes.length === 0) return;
  mermaid.initialize({
    startOnLoad: false,
    securityLevel: "strict",
    theme: "neutral",
    fontFamily: "system-ui, sans-serif",
  });
  await mermaid.run({ nodes, suppressErrors: true });
}
