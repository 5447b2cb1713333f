// How `pnpm grade` and `pnpm instructor` start: the grader compiled to JavaScript when the build is current
// (half a second sooner than compiling TypeScript on every start), the TypeScript itself through tsx otherwise,
// so that a maintainer's edit is never graded with an old build.
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { usePrivateTmpdir } from "@workshop/private-tmp";

const grader = fileURLToPath(new URL("..", import.meta.url));

/** The newest modification time of the files in `folder`, recursively, in ms. */
function newest(folder) {
  let latest = 0;
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

function built() {
  try {
    return statSync(join(grader, "dist", ".built")).mtimeMs >= newest(join(grader, "src"));
  } catch {
    return false;
  }
}

/**
 * Whether the learner's command will grade in practice mode, in one test process that can start at once: every
 * command but a graded run's (`--ci`, `--target`: a judge of their own per exercise, in a sandbox).
 * A guess from the words alone, which costs nothing when wrong: an unused process is ended.
 */
function gradesInPractice(args) {
  return !args.some((arg) => arg === "--ci" || arg === "--target" || arg.startsWith("--target="));
}

/** Runs `cli/<name>.ts`'s main with the process's arguments and exits with its code. */
export async function launch(name) {
  const args = process.argv.slice(2);
  // Before tsx or anything else picks a temporary folder: none of them is then in a world-writable one.
  usePrivateTmpdir();
  let entry;
  let discardPrestarted = () => {};
  if (built()) {
    entry = join(grader, "dist", "cli", `${name}.js`);
    if (name === "learner" && gradesInPractice(args)) {
      const testProcess = await import(pathToFileURL(join(grader, "dist", "run", "test-process.js")).href);
      testProcess.prestartTestProcess();
      discardPrestarted = testProcess.discardPrestarted;
    }
  } else {
    const { register } = await import("tsx/esm/api");
    register();
    entry = join(grader, "src", "cli", `${name}.ts`);
  }
  try {
    const { main } = await import(pathToFileURL(entry).href);
    process.exitCode = await main(args);
  } finally {
    discardPrestarted();
  }
}
