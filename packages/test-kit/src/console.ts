import { onTestFinished, vi } from "vitest";

/**
 * Records what the code under test prints with `console.log`, one string per call, and keeps it off the
 * terminal. Call it inside a test; the spy is removed when that test finishes.
 */
export function captureConsole(): string[] {
  const lines: string[] = [];
  const spy = vi.spyOn(console, "log").mockImplementation((...args: unknown[]) => {
    lines.push(args.map(String).join(" "));
  });
  onTestFinished(() => spy.mockRestore());
  return lines;
}
