export interface KeyActions {
  next(): void;
  previous(): void;
  grade(): void;
  hint(): void;
  list(): void;
}

/**
 * Single-key shortcuts, as in `pnpm grade watch` (h for a hint): only without modifier keys, and never while
 * the focus is in something that takes text, so that they never steal a keystroke.
 */
export function listenForKeys(actions: KeyActions): void {
  const byKey: Record<string, () => void> = {
    n: actions.next,
    p: actions.previous,
    g: actions.grade,
    h: actions.hint,
    l: actions.list,
  };
  document.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) return;
    const target = event.target as HTMLElement | null;
    if (target?.closest("input, textarea, select, [contenteditable]")) return;
    const action = byKey[event.key];
    if (!action) return;
    event.preventDefault();
    action();
  });
}
