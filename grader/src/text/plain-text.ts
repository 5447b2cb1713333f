import { stripVTControlCharacters } from "node:util";

/** What XML 1.0 cannot hold, besides line ends: control characters, lone surrogates, U+FFFE and U+FFFF. */
const UNPRINTABLE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
  /[\0-\x08\v\f\x0e-\x1f\x7f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * Text fit to show anywhere: terminal control sequences (colours, cursor moves, screen clears, titles) removed,
 * line ends made `\n`, and anything unprintable replaced by U+FFFD. A learner's program can print anything; it
 * must not redraw the grader's terminal, forge a line of its report, or make an XML or HTML report unreadable.
 */
export function plainText(text: string): string {
  return stripVTControlCharacters(text).replace(/\r\n?/g, "\n").replace(UNPRINTABLE, "\ufffd");
}
