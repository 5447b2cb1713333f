# syntax=docker/dockerfile:1
# The workshop's grader in a container, for a machine where its sandbox cannot run directly (macOS, Windows, a
# kernel without unprivileged user namespaces): every graded run inside still puts the learner's code in a
# bubblewrap sandbox of its own. Build it from the learner edition (`pnpm learner-edition <folder>`, then
# `docker build -t workshop-grader <folder>`), or from the instructor's, whose hidden tests then grade too
# (.dockerignore leaves the answers out either way). docs/container.md: how to run it on a laptop and on a
# server, and the flags a sandbox needs inside a container.
FROM node:20-bookworm-slim

# bubblewrap: the sandbox each graded exercise runs in. Debian's security updates change its version, which is
# why it is not pinned: the image gets the current one when it is built.
# hadolint ignore=DL3008
RUN apt-get update \
    && apt-get install -y --no-install-recommends bubblewrap \
    && rm -rf /var/lib/apt/lists/*

# The pnpm package.json pins (packageManager), from npm, as the README's quickstart installs it.
RUN npm install -g pnpm@10.34.9 && npm cache clean --force

WORKDIR /workshop
COPY . .
# Everything grading needs is installed here: a graded run needs no network, and gets none in the sandbox.
RUN pnpm install --frozen-lockfile && pnpm build

# Grading runs as an ordinary user, who can read the workshop and write none of it: the sandbox needs no root,
# and the results go to a folder mounted for them.
USER node
CMD ["node", "grader/bin/grade.js", "--help"]
