import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { type Browser, chromium } from "playwright-core";

/** Where Debian, Ubuntu and Fedora put their Chromium (and Chrome), in the order tried; `CHROMIUM` goes first. */
const NAMES = ["chromium", "chromium-browser", "google-chrome-stable", "google-chrome"];

/**
 * The system's Chromium, found on the PATH: no browser is downloaded (playwright-core drives the one installed,
 * `scripts/install-chromium.sh` installs it). Undefined when there is none.
 */
export function findChromium(): string | undefined {
  const chosen = process.env.CHROMIUM;
  if (chosen) return existsSync(chosen) ? chosen : undefined;
  for (const name of NAMES) {
    try {
      const path = execFileSync("which", [name], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
      if (path) return path;
    } catch {
      // not this one
    }
  }
  return undefined;
}

/**
 * Starts a headless Chromium that reaches nothing beyond this machine on its own (no update checks, no component
 * downloads: this machine's network refuses them, and a test must not depend on them). Each launch gets a
 * fresh profile: Playwright gives it a new temporary --user-data-dir, and refuses one passed in `args`.
 */
export function launchChromium(executablePath: string): Promise<Browser> {
  return chromium.launch({
    executablePath,
    args: [
      "--no-sandbox",
      "--headless",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--no-first-run",
    ],
  });
}
