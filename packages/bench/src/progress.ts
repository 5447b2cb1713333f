/**
 * Progress while the bench runs, on stderr so that stdout holds only the table. On a terminal one line is
 * rewritten in place; in a log, each step gets its own line.
 */
export class Progress {
  readonly #stream = process.stderr;
  readonly #started = performance.now();
  #section = "";

  section(index: number, count: number, name: string): void {
    this.#section = `[${index}/${count}] ${name}`;
    this.#write(this.#section, true);
  }

  step(text: string): void {
    this.#write(`${this.#section}: ${text}`, false);
  }

  done(): void {
    if (this.#stream.isTTY) this.#stream.write("\r\x1b[2K");
  }

  #write(text: string, newSection: boolean): void {
    const line = `${text}  (${((performance.now() - this.#started) / 1000).toFixed(0)} s)`;
    if (this.#stream.isTTY) this.#stream.write(`\r\x1b[2K${line.slice(0, (this.#stream.columns ?? 100) - 1)}`);
    else this.#stream.write(newSection ? `${line}\n` : `  ${line.slice(this.#section.length + 2)}\n`);
  }
}

/** Runs `measure` `count` times, reporting each run. */
export async function repeat<T>(
  progress: Progress,
  label: string,
  count: number,
  measure: (run: number) => T | Promise<T>,
): Promise<T[]> {
  const results: T[] = [];
  for (let run = 0; run < count; run++) {
    progress.step(`${label}, run ${run + 1} of ${count}`);
    results.push(await measure(run));
  }
  return results;
}
