import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const client = (file: string) => fileURLToPath(new URL(`../client/${file}`, import.meta.url));

export interface Assets {
  /** The page's script, bundled from src/client at start: what runs in the browser is what is in the source. */
  appJs: string;
  styleCss: string;
  /** Mermaid's single-file browser build, served from node_modules: diagrams are drawn with no network. */
  mermaidJs: string;
}

export async function loadAssets(): Promise<Assets> {
  const bundle = await build({
    entryPoints: [client("index.ts")],
    bundle: true,
    format: "esm",
    target: "es2022",
    write: false,
    logLevel: "silent",
  });
  const appJs = bundle.outputFiles[0]?.text ?? "";
  // The tiny build: Mermaid without its lazily loaded chunks, KaTeX and the mind maps, one file and no dependencies.
  const mermaidFile = createRequire(import.meta.url).resolve("@mermaid-js/tiny/dist/mermaid.tiny.js");
  return { appJs, styleCss: readFileSync(client("style.css"), "utf8"), mermaidJs: readFileSync(mermaidFile, "utf8") };
}
