import { relative, sep } from "node:path";
import { watch } from "chokidar";

export interface Saved {
  /** The exercise folder the file is in (its id). */
  exerciseId: string;
  /** `code`: a TypeScript file, which means a re-grade. `plot`: an SVG the learner's main() wrote. */
  kind: "code" | "plot";
}

/** Editors save in bursts (write, rename, chmod): one notice per save. */
const DEBOUNCE_MS = 40;

/**
 * Tells `onSave` when a file in one of the exercise folders of `root` is saved, once per burst. chokidar follows
 * the editors' ways of saving (a rename over the file, a temporary file beside it); `poll` reads modification
 * times instead, where file-system events do not arrive (network drives, some containers). node_modules and the
 * exercises' hidden tests are not watched. Returns the function that stops watching.
 */
export function watchSaves(
  root: string,
  exerciseIds: string[],
  poll: boolean,
  onSave: (saved: Saved) => void,
): () => Promise<void> {
  const known = new Set(exerciseIds);
  const timers = new Map<string, NodeJS.Timeout>();
  const watcher = watch(root, {
    ignoreInitial: true,
    usePolling: poll,
    interval: 500,
    // exercises/<id>/<file>: deeper folders hold no learner code.
    depth: 1,
    ignored: (path, stats) =>
      /[\\/](node_modules|hidden|\.vite)([\\/]|$)/.test(path) || (stats?.isFile() && !kindOf(path)) === true,
  });
  const saved = (path: string) => {
    const [exerciseId, file] = relative(root, path).split(sep);
    const kind = kindOf(path);
    if (!exerciseId || !file || !known.has(exerciseId) || !kind) return;
    const key = `${exerciseId}:${kind}`;
    clearTimeout(timers.get(key));
    timers.set(
      key,
      setTimeout(() => {
        timers.delete(key);
        onSave({ exerciseId, kind });
      }, DEBOUNCE_MS),
    );
  };
  watcher.on("add", saved).on("change", saved);
  // A watcher that fails (too many watched files, a folder removed) must not end the app: grading on request works.
  watcher.on("error", () => {});
  return async () => {
    for (const timer of timers.values()) clearTimeout(timer);
    await watcher.close();
  };
}

function kindOf(path: string): Saved["kind"] | undefined {
  if (path.endsWith(".ts")) return "code";
  if (path.endsWith(".timings.svg")) return "plot";
  return undefined;
}
