// @ts-check
// What each side of a graded run sees of the machine. Both views are built from nothing (bubblewrap.js): these
// lists are everything there is in them. Neither holds the solutions, the hidden tests' files, the grader's
// fixtures, the history, the results, or anything of another learner.
/** @import { Limits, View } from "./bubblewrap.js" */
import { lstatSync, readdirSync, readFileSync, readlinkSync, realpathSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The workshop this package belongs to: `<root>/packages/sandbox`. */
export const workshopRoot = fileURLToPath(new URL("../../..", import.meta.url)).replace(/\/$/, "");
const exercises = join(workshopRoot, "exercises");

/**
 * What a learner's process may use. Sized for the exercises: the tests' own needs are a small part of each.
 *
 * - Memory: the judge counts a sandbox's processes together and ends it past SANDBOX_MEMORY_BYTES (judge.js).
 *   Each process may also map at most 4 GiB, a backstop between two counts (a pool of 64 threads maps 2 GiB, most
 *   of it never touched), and V8's heap is capped at 128 MB, as in practice runs, so that an endless array fails
 *   fast with the message a learner knows.
 * - 256 processes and threads: a learner's own pool and a script's run need tens.
 * - Files of at most 64 MB, in a /tmp of 64 MB.
 */
export const LEARNER_LIMITS = /** @type {Limits} */ ({
  dataBytes: 4 * 1024 * 1024 * 1024,
  tasks: 256,
  fileBytes: 64 * 1024 * 1024,
  openFiles: 1024,
});
export const LEARNER_TMP_BYTES = 64 * 1024 * 1024;
export const LEARNER_HEAP_MB = 128;
/** A learner's sandbox's processes together, resident: far above what any exercise needs (tens of MB). */
export const SANDBOX_MEMORY_BYTES = 2 * 1024 * 1024 * 1024;

/**
 * The view of a learner's sandbox: the system, Node, the packages the exercises may import (read-only), the
 * tree under test (read-only), and `exchange`, the one folder it shares with the judge (where a test asks it
 * to write a file the test then reads). Not the tests, the solutions, the grader, other learners, or the
 * judge's own files.
 *
 * @param {{ tree: string, exchange: string }} where
 * @returns {View}
 */
export function learnerView({ tree, exchange }) {
  return {
    readOnly: [
      nodeFolder(),
      join(workshopRoot, "node_modules"),
      ...linkedStore(),
      join(workshopRoot, "packages", "core"),
      join(workshopRoot, "packages", "test-kit"),
      join(workshopRoot, "packages", "sandbox"),
      join(exercises, "package.json"),
      join(exercises, "node_modules"),
      // The exercises' facts and the files they give: the tree's code imports the workshop's copies.
      ...exerciseFacts(),
      tree,
    ],
    readWrite: [exchange],
    proc: "own",
    nested: true,
    tmpBytes: LEARNER_TMP_BYTES,
    cwd: tree,
    env: {
      PATH: "/usr/local/bin:/usr/bin:/bin",
      HOME: "/tmp",
      TMPDIR: "/tmp",
      LANG: "C.UTF-8",
      NO_COLOR: "1",
      FORCE_COLOR: "0",
      WORKSHOP_TARGET: tree,
      WORKSHOP_GRADED: "1",
    },
    limits: LEARNER_LIMITS,
  };
}

/** Each exercise's exercise.json and given files, as paths. */
function exerciseFacts() {
  const paths = [];
  for (const entry of readdirSync(exercises, { withFileTypes: true })) {
    if (!entry.isDirectory() || !/^\d{2}-/.test(entry.name)) continue;
    const folder = join(exercises, entry.name);
    paths.push(join(folder, "exercise.json"));
    try {
      const { files } = JSON.parse(readFileSync(join(folder, "exercise.json"), "utf8"));
      for (const file of Array.isArray(files?.given) ? files.given : []) paths.push(join(folder, String(file)));
    } catch {
      // The grader names a broken exercise.json; here it only means no given files.
    }
  }
  return paths;
}

/**
 * pnpm's store, where it lies elsewhere: a copy of the workshop (the grader's own tests make them) links its
 * `node_modules/.pnpm` to the original's, and a view must show what the link leads to. A copy of a copy links to
 * its original's link: each place on the way is shown, bound to what it leads to.
 *
 * @returns {string[]}
 */
function linkedStore() {
  const places = [];
  let store = join(workshopRoot, "node_modules", ".pnpm");
  try {
    for (let hops = 0; hops < 40 && lstatSync(store).isSymbolicLink(); hops++) {
      store = resolve(dirname(store), readlinkSync(store));
      places.push(store);
    }
  } catch {
    // A broken link shows nothing more.
  }
  return places;
}

/** The folder of the Node that runs this process: every sandboxed process runs the same. */
function nodeFolder() {
  return dirname(realpathSync(process.execPath));
}

/** The judge's /tmp holds what its learners' sandboxes write for it to read (a plot), and vite's cache. */
export const JUDGE_TMP_BYTES = 512 * 1024 * 1024;

/**
 * The view of a judge's sandbox: what it runs (Node, the grader's test process or speedup check, vitest and the
 * packages), the tree under test, and what the learner's sandboxes it starts need to see. Not the tests' files:
 * the judge has the tests from the grader, in memory.
 *
 * As root, the judge's sandbox is made by root, who can mount a /proc for it only by showing the host's (a
 * sandbox may mount a /proc of its own only where a whole one is visible, and root's bubblewrap hides parts of
 * its own); the judge runs as an unprivileged user of its own, and the learners' sandboxes inside it each have
 * their own process namespace.
 *
 * @param {{ tree: string, root: boolean, env: Record<string, string> }} options
 * @returns {View}
 */
export function judgeView({ tree, root, env }) {
  const grader = join(workshopRoot, "grader");
  return {
    readOnly: [
      nodeFolder(),
      join(workshopRoot, "node_modules"),
      ...linkedStore(),
      join(workshopRoot, "packages"),
      join(grader, "package.json"),
      join(grader, "node_modules"),
      join(grader, "dist"),
      join(grader, "src"),
      join(exercises, "package.json"),
      join(exercises, "tsconfig.json"),
      join(exercises, "node_modules"),
      ...exerciseFacts(),
      tree,
    ],
    proc: root ? "host" : "own",
    tmpBytes: JUDGE_TMP_BYTES,
    cwd: tree,
    env: { PATH: "/usr/local/bin:/usr/bin:/bin", HOME: "/tmp", TMPDIR: "/tmp", LANG: "C.UTF-8", ...env },
  };
}
