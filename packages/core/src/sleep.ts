/**
 * Resolves after `ms` milliseconds: the TypeScript counterpart of `await asyncio.sleep(seconds)`.
 *
 * It is a plain `setTimeout`, so tests can drive it with vitest's fake timers instead of waiting.
 */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
