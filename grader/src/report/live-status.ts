import pc from "picocolors";

const FRAMES = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];

/**
 * The one line that says what is running now, redrawn in place on a terminal. On anything else (a pipe, CI
 * logs) it writes nothing: the finished rows are progress enough and logs stay clean.
 */
export class LiveStatus {
  #stream: NodeJS.WriteStream;
  #text = "";
  #frame = 0;
  #timer: NodeJS.Timeout | undefined;
  #since = 0;

  constructor(stream: NodeJS.WriteStream = process.stderr) {
    this.#stream = stream;
  }

  get enabled(): boolean {
    return Boolean(this.#stream.isTTY) && !process.env.CI;
  }

  show(text: string): void {
    if (!this.enabled) return;
    if (text !== this.#text) this.#since = performance.now();
    this.#text = text;
    this.#timer ??= setInterval(() => this.#draw(), 100);
    this.#draw();
  }

  /** Clears the line, so a permanent line can be printed in its place. */
  clear(): void {
    if (!this.enabled) return;
    this.#stream.write("\r\u001b[2K");
  }

  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
    this.clear();
  }

  #draw(): void {
    this.#frame = (this.#frame + 1) % FRAMES.length;
    const seconds = ((performance.now() - this.#since) / 1000).toFixed(0);
    this.#stream.write(`\r\u001b[2K${pc.cyan(FRAMES[this.#frame] ?? "")} ${this.#text} ${pc.dim(`${seconds} s`)}`);
  }
}
