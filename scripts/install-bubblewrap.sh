#!/usr/bin/env bash
# Installs bubblewrap, the sandbox every graded run keeps the learner's code in (packages/sandbox), unless it is
# there already, and checks that it can make a sandbox on this machine. For .ci/run, before `pnpm test`, whose
# grader tests grade for real. Idempotent; exits non-zero, saying why, when no sandbox can be made.
set -euo pipefail

if ! command -v bwrap >/dev/null 2>&1; then
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "No bubblewrap, and no apt-get to install it: install bubblewrap (the bwrap command)." >&2
    exit 1
  fi
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || { echo "Installing bubblewrap needs root (or sudo)." >&2; exit 1; }
    sudo="sudo"
  fi
  echo "installing bubblewrap with apt-get"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends bubblewrap >/dev/null
fi
echo "bubblewrap: $(command -v bwrap) ($(bwrap --version))"
# The same first sandbox the grader tries before a graded run (packages/sandbox's sandboxProblem).
node --input-type=module -e '
  const { sandboxProblem } = await import(process.argv[1]);
  const problem = sandboxProblem();
  if (problem) { console.error(`no sandbox can be made here: ${problem}`); process.exit(1); }
  console.log("a sandbox can be made here");
' "$(pwd)/packages/sandbox/src/bubblewrap.js"
