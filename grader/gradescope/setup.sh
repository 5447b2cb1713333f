#!/usr/bin/env bash
# Gradescope runs this once, as root, when it builds the autograder's image from the uploaded zip (made by
# build-zip.sh: this file and run_autograder at the top, the workshop in workshop/). The network is there now,
# and only now: everything grading needs is installed here, so run_autograder works offline.
set -euo pipefail
workshop="$(cd "$(dirname "$0")" && pwd)/workshop"
[ -d "$workshop" ] || workshop=/autograder/source/workshop
cd "$workshop"

# Node 20 or newer. Ubuntu's own nodejs is too old (12 on 22.04, 18 on 24.04), so it comes from NodeSource.
if ! node -e 'process.exit(Number(process.versions.node.split(".")[0]) >= 20 ? 0 : 1)' 2>/dev/null; then
  apt-get update
  apt-get install -y --no-install-recommends ca-certificates curl gnupg
  curl -fsSL https://deb.nodesource.com/setup_20.x | bash -
  apt-get install -y --no-install-recommends nodejs
fi
echo "node $(node --version)"

# Exactly the pnpm that package.json pins: any other pnpm would download that one when grading starts.
pnpm_version=$(node -p 'require("./package.json").packageManager.replace(/^pnpm@/, "").split("+")[0]')
npm install -g "pnpm@$pnpm_version"
echo "pnpm $(pnpm --version)"

pnpm install --frozen-lockfile
pnpm build

# Prove the image before any learner depends on it: the first reference solution must pass here.
pnpm grade --solutions 1
