#!/usr/bin/env bash
# Installs the Chromium that the workshop app's browser tests drive (packages/app/test/instructor/browser.test.ts), unless
# one is there already: playwright-core drives the system's browser, and no browser is ever downloaded.
# For .ci/run, before `pnpm test`. Idempotent; exits non-zero when no Chromium can be had.
set -euo pipefail

found() {
  for name in chromium chromium-browser google-chrome-stable google-chrome; do
    if command -v "$name" >/dev/null 2>&1; then
      echo "chromium: $(command -v "$name") ($("$name" --version 2>/dev/null | head -n 1))"
      return 0
    fi
  done
  return 1
}

if [ -n "${CHROMIUM:-}" ]; then
  [ -x "$CHROMIUM" ] || { echo "CHROMIUM=$CHROMIUM is not an executable file" >&2; exit 1; }
  echo "chromium: $CHROMIUM (from \$CHROMIUM)"
  exit 0
fi
found && exit 0

if ! command -v apt-get >/dev/null 2>&1; then
  echo "No Chromium, and no apt-get to install it: install Chromium or Chrome, or set CHROMIUM to its path." >&2
  exit 1
fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null 2>&1 || { echo "Installing Chromium needs root (or sudo)." >&2; exit 1; }
  sudo="sudo"
fi
echo "installing chromium with apt-get"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
# Debian calls it chromium; Ubuntu's chromium-browser is a snap and is not tried.
$sudo apt-get install -y -qq --no-install-recommends chromium >/dev/null
found || { echo "apt-get installed chromium, but no chromium is on the PATH" >&2; exit 1; }
