import { basename, dirname } from "node:path";
import { watch } from "chokidar";

/** `pnpm grade` writes the state file and renames it into place, in one burst: one notice per write. */
const DEBOUNCE_MS = 40;

/**
 * Tells `onChange` when the progress file (`.workshop/state.json`) is written, by this app or by `pnpm grade` in a
 * terminal. Its folder is watched, not the file: the file is replaced by a rename on every write. Returns the
 * function that stops watching.
 */
export function watchState(file: string, poll: boolean, onChange: () => void): () => Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const watcher = watch(dirname(file), { ignoreInitial: true, usePolling: poll, interval: 500, depth: 0 });
  const changed = (path: string) => {
    if (basename(path) !== basename(file)) return;
    clearTimeout(timer);
    timer = setTimeout(onChange, DEBOUNCE_MS);
  };
  watcher.on("add", changed).on("change", changed);
  // A watcher that fails must not end the app: the pages still show this app's own grades.
  watcher.on("error", () => {});
  return async () => {
    clearTimeout(timer);
    await watcher.close();
  };
}
