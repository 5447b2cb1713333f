import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { Browser, Locator, Page } from "playwright-core";

/** Where the browser tests leave their screenshots, for a person to look at (gitignored). */
export const SCREENSHOTS = resolve(import.meta.dirname, "../../.screenshots");

export interface PixelCounts {
  width: number;
  height: number;
  /** Distinct colours, counted on a 5-bit-per-channel grid: a blank or one-colour image has one or two. */
  colours: number;
  /** The share of pixels that are not (nearly) white. */
  inked: number;
  /** The share of pixels within a small distance of each colour asked for, by its hex code. */
  near: Record<string, number>;
}

/**
 * Takes a screenshot of the page or of one element, keeps it under .screenshots/<name>.png, and counts its
 * pixels. The PNG is decoded by the browser itself (an image in a canvas of a blank page), so nothing else
 * reads the file.
 */
export async function screenshot(
  browser: Browser,
  target: Page | Locator,
  name: string,
  colours: string[] = [],
): Promise<PixelCounts> {
  const png = await target.screenshot({ animations: "disabled" });
  mkdirSync(SCREENSHOTS, { recursive: true });
  writeFileSync(join(SCREENSHOTS, `${name}.png`), png);
  return countPixels(browser, png, colours);
}

async function countPixels(browser: Browser, png: Buffer, colours: string[]): Promise<PixelCounts> {
  const page = await browser.newPage();
  try {
    return await page.evaluate(
      async ({ base64, wanted }) => {
        const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
        const bitmap = await createImageBitmap(new Blob([bytes], { type: "image/png" }));
        const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
        const context = canvas.getContext("2d");
        if (!context) throw new Error("no 2d canvas");
        context.drawImage(bitmap, 0, 0);
        const { data } = context.getImageData(0, 0, bitmap.width, bitmap.height);
        const targets = wanted.map((hex) => [1, 3, 5].map((at) => Number.parseInt(hex.slice(at, at + 2), 16)));
        const seen = new Set<number>();
        const near = wanted.map(() => 0);
        let inked = 0;
        for (let at = 0; at < data.length; at += 4) {
          const [r, g, b] = [data[at] ?? 0, data[at + 1] ?? 0, data[at + 2] ?? 0];
          seen.add(((r >> 3) << 10) | ((g >> 3) << 5) | (b >> 3));
          if (r < 245 || g < 245 || b < 245) inked++;
          targets.forEach(([tr = 0, tg = 0, tb = 0], index) => {
            if (Math.abs(r - tr) + Math.abs(g - tg) + Math.abs(b - tb) <= 24) near[index] = (near[index] ?? 0) + 1;
          });
        }
        const pixels = data.length / 4;
        return {
          width: bitmap.width,
          height: bitmap.height,
          colours: seen.size,
          inked: inked / pixels,
          near: Object.fromEntries(wanted.map((hex, index) => [hex, (near[index] ?? 0) / pixels])),
        };
      },
      { base64: png.toString("base64"), wanted: colours },
    );
  } finally {
    await page.close();
  }
}
