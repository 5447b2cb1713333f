import { stripVTControlCharacters } from "node:util";
import type { SpeedupReport } from "../result.ts";

/** What XML 1.0 cannot hold, besides line ends: control characters, lone surrogates, U+FFFE and U+FFFF. */
const UNPRINTABLE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
  /[\0-\x08\v\f\x0e-\x1f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * Text fit for a machine report that a browser or an XML parser shows: colour codes removed, line ends made
 * `\n`, and anything unprintable replaced by U+FFFD. A learner's program can print anything; one stray byte
 * must not make the whole report unreadable.
 */
export function plainText(text: string): string {
  return stripVTControlCharacters(text).replace(/\r\n?/g, "\n").replace(UNPRINTABLE, "\ufffd");
}

/** One line on the speedup: what was measured against what is required, or why nothing was. */
export function describeSpeedup(speedup: SpeedupReport): string {
  if (speedup.measured === undefined) return `speedup: not measured (${speedup.verdict}): ${speedup.reason}`;
  const efficiency = speedup.efficiency === undefined ? "" : `, efficiency ${Math.round(speedup.efficiency * 100)}%`;
  return (
    `speedup: ${speedup.measured.toFixed(2)}x measured, ${speedup.required.toFixed(2)}x required on ` +
    `${speedup.cores} cores${efficiency} (${speedup.verdict})`
  );
}
