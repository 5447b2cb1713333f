import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Exercise } from "../curriculum/load-curriculum.ts";
import { type Manifest, shippedChange } from "../manifest.ts";

/**
 * The workshop's own files that a grade relies on, read once when a run starts and checked against the manifest:
 * each exercise's public and hidden tests and its given files. Graded runs serve the tests to vitest from here,
 * so that a test rewritten on disk during the run is never what runs; every run reports a shipped file that
 * differs from what the workshop shipped.
 */
export class TrustedFiles {
  readonly #contents = new Map<string, Buffer>();
  readonly #changes = new Map<string, string[]>();

  constructor(exercises: Exercise[], manifest: Manifest) {
    for (const exercise of exercises) {
      const { given, test, hidden } = exercise.files;
      const changes: string[] = [];
      for (const name of [test, ...hidden, ...given]) {
        const file = join(exercise.dir, name);
        let content: Buffer | undefined;
        try {
          content = readFileSync(file);
          this.#contents.set(file, content);
        } catch {
          content = undefined;
        }
        const change = shippedChange(file, content, manifest);
        if (change) changes.push(change);
      }
      if (changes.length > 0) this.#changes.set(exercise.id, changes);
    }
  }

  /** What differs from the manifest among the exercise's tests and given files, in words: `... was modified`. */
  changes(exercise: Exercise): string[] {
    return this.#changes.get(exercise.id) ?? [];
  }

  /** A file as it was when the run started. */
  content(file: string): Buffer {
    const content = this.#contents.get(file);
    if (!content) throw new Error(`${file} was not read when the run started`);
    return content;
  }

  /** The exercise's tests, public then hidden, as paths and the text vitest is to run. */
  tests(exercise: Exercise, withHidden: boolean): Map<string, string> {
    const names = [exercise.files.test, ...(withHidden ? exercise.files.hidden : [])];
    const text = (name: string) => this.content(join(exercise.dir, name)).toString("utf8");
    return new Map(names.map((name) => [join(exercise.dir, name), text(name)]));
  }
}
