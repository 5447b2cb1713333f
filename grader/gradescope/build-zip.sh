#!/usr/bin/env bash
# Builds the zip to upload as a Gradescope autograder ("Configure Autograder" > "Zip file upload"):
# setup.sh and run_autograder at its top, the workshop in workshop/, all as committed at a revision.
#   usage: grader/gradescope/build-zip.sh [out.zip] [revision]     (defaults: autograder.zip, HEAD)
# Only committed files go in, so the zip is the workshop your repository says it is: commit first.
set -euo pipefail
root=$(git -C "$(dirname "$0")" rev-parse --show-toplevel)
out=$(realpath -m "${1:-autograder.zip}")
revision=${2:-HEAD}
if [ -n "$(git -C "$root" status --porcelain)" ]; then
  echo "note: uncommitted changes are not in the zip (it packs $revision)" >&2
fi

scripts=$(mktemp -d)
trap 'rm -rf "$scripts"' EXIT
for file in setup.sh run_autograder; do
  git -C "$root" show "$revision:grader/gradescope/$file" >"$scripts/$file"
  chmod 755 "$scripts/$file"
done

rm -f "$out"
git -C "$root" archive --format=zip --output="$out" \
  --add-file="$scripts/setup.sh" --add-file="$scripts/run_autograder" \
  --prefix=workshop/ "$revision"
echo "wrote $out ($(du -h "$out" | cut -f1)): upload it on Gradescope's Configure Autograder page"
