import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { type Browser, chromium } from "playwright-core";

/** Where Debian, Ubuntu and Fedora put their Chromium (and Chrome), in the order tried; `CHROMIUM` goes first. */
const NAMES = ["chromium", "chromium-browser", "google-chrome-stable", "google-chrome"];

/**
 * The system's Chromium, found on the PATH: no browser is downloaded (playwright-core drives the one installed,
 * `scripts/install-chromium.sh` installs it). Undefined when there is none.
 */
function findChromium(): string | undefined {
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
 * The Chromium for the browser tests of `what`: when there is none, CI fails (a skip must never read as a pass
 * there; .ci/run installs it first), and anywhere else the tests are skipped with a message that says how to
 * get it.
 */
export function chromiumForTests(what: string): string | undefined {
  const path = findChromium();
  if (path) return path;
  if (process.env.CI) {
    throw new Error(
      "CI is set and no Chromium was found: run scripts/install-chromium.sh, or set CHROMIUM to its path.",
    );
  }
  console.warn(
    `\n  SKIPPED: the browser tests of ${what}. No chromium executable was found (looked for ${NAMES.join(", ")} ` +
      "on the PATH, and $CHROMIUM). Install it with scripts/install-chromium.sh.\n",
  );
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
