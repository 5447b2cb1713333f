/**
 * Control characters (C0 but for the tab, DEL and C1): escape sequences start with one, `\r` returns to the
 * start of the line, and a backspace steps back over what was printed.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
const CONTROL = /[\0-\x08\n-\x1f\x7f-\x9f]/g;
/**
 * Characters that reorder or hide what follows without being seen ("Trojan Source", CVE-2021-42574): the bidi
 * embeddings, overrides and isolates, and the zero-width joiners and marks.
 */
const INVISIBLE = /[\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g;

/**
 * A name or a line of a learner's text, fit to print on an instructor's terminal: every control character and
 * every invisible reordering character shown as what it is (`␛[2A` for an escape, `␍` for a carriage return,
 * `<U+202E>`), never acted on. Unlike `plainText` (text/plain-text.ts), which removes them from what a learner
 * reads, this keeps them in view: an instructor must see that a comment hides a cursor move, not be fooled by it.
 * Line ends are shown too: call it on one line at a time.
 */
export function visibleText(text: string): string {
  return text
    .replace(CONTROL, (char) => {
      const code = char.charCodeAt(0);
      if (code < 0x20) return String.fromCharCode(0x2400 + code);
      if (code === 0x7f) return "␡";
      return `<U+${code.toString(16).toUpperCase().padStart(4, "0")}>`;
    })
    .replace(INVISIBLE, (char) => `<U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0")}>`);
}

/** Whether a line holds anything visibleText would show differently: a reason to warn the reader. */
export function hasHiddenCharacters(text: string): boolean {
  return new RegExp(CONTROL.source).test(text) || new RegExp(INVISIBLE.source).test(text);
}
