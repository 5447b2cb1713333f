/**
 * Keeps what a learner's code printed, up to a cap, so a runaway `console.log` in a loop cannot flood the
 * terminal or the grader's memory. Past the cap it counts what it dropped and says so.
 */
export class OutputBuffer {
  #text = "";
  #dropped = 0;

  readonly capChars: number;

  constructor(capChars = 4_000) {
    this.capChars = capChars;
  }

  append(text: string): void {
    const room = this.capChars - this.#text.length;
    if (room > 0) this.#text += text.slice(0, room);
    this.#dropped += Math.max(0, text.length - Math.max(room, 0));
  }

  toString(): string {
    if (this.#dropped === 0) return this.#text;
    return `${this.#text}\n… ${this.#dropped} more characters of output were cut`;
  }
}
