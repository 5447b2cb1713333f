// How `pnpm grade` and `pnpm instructor` start: the grader compiled to JavaScript when the build is current
// (half a second sooner than compiling TypeScript on every start), the TypeScript itself through tsx otherwise,
// so that a maintainer's edit is never graded with an old build.
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { usePrivateTmpdir } from "@workshop/private-tmp";

const grader = fileURLToPath(new URL("..", import.meta.url));

/**
 * The newest modification time of the files in `folder`, recursively, in ms.
 *
 * @param {string} folder
 */
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

/** The learner's commands other than one grading run. */
const SUBCOMMANDS = new Set(["watch", "hint", "list", "reset", "solution"]);

/**
 * The process the learner's command will grade in first, guessed from the words alone so that it can start at
 * once: one test process for a practice run (and for a graded run with `--no-sandbox`), a judge in a sandbox for a
 * graded run (`--ci`, `--target`). A wrong guess costs nothing: an unused process is ended (`pnpm grade list`).
 *
 * @param {string[]} args
 * @returns {"judge" | "test process" | undefined}
 */
export function firstProcess(args) {
  const graded = args.some((arg) => arg === "--ci" || arg === "--target" || arg.startsWith("--target="));
  if (!graded) return "test process";
  // Watch mode lives for as long as the learner works: nothing is started for it on a guess.
  if (args.includes("--watch") || args.some((arg) => SUBCOMMANDS.has(arg))) return undefined;
  return args.includes("--no-sandbox") ? "test process" : "judge";
}

/**
 * Runs `cli/<name>.ts`'s main with the process's arguments and exits with its code.
 *
 * @param {"learner" | "instructor"} name
 */
export async function launch(name) {
  const args = process.argv.slice(2);
  // Before tsx or anything else picks a temporary folder: none of them is then in a world-writable one.
  usePrivateTmpdir();
  let entry;
  let discardPrestarted = () => {};
  if (built()) {
    entry = join(grader, "dist", "cli", `${name}.js`);
    const first = name === "learner" ? firstProcess(args) : undefined;
    if (first) {
      const testProcess = await import(pathToFileURL(join(grader, "dist", "run", "test-process.js")).href);
      if (first === "judge") testProcess.prestartJudge();
      else testProcess.prestartTestProcess();
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
