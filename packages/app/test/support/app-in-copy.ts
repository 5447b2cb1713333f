import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync, readdirSync, readlinkSync, rmSync, symlinkSync } from "node:fs";
import { join, resolve } from "node:path";
import { copyWorkshop } from "../../../../grader/test/support/workshop-copy.ts";

/** The workshop this package belongs to: packages/app is two folders down. */
const realRoot = resolve(import.meta.dirname, "../../../..");

export interface RunningApp {
  /** The copy of the workshop the app serves: change its exercises/ freely. */
  root: string;
  url: string;
  child: ChildProcess;
  /** Everything the app printed. */
  output(): string;
  /** Stops the app (as Ctrl-C does) and waits for it to end. */
  stop(): Promise<void>;
}

/**
 * `pnpm workshop --no-open --port 0` in a throwaway copy of the workshop, so that a test can save files in the
 * copy's exercises/ (copyWorkshop in the grader's tests). The copy's installed packages are the real ones,
 * linked; the app's own link to the grader is pointed at the copy's grader, since the grader grades the
 * workshop it lives in, and the real one must never be touched. `prepare` changes the copy before the app starts.
 */
export async function startAppInCopy(args: string[] = [], prepare?: (root: string) => void): Promise<RunningApp> {
  const root = copyWorkshop();
  pointAtOwnGrader(root);
  prepare?.(root);
  const child = spawn(
    process.execPath,
    [join(root, "packages/app/bin/workshop.js"), "--no-open", "--port", "0", ...args],
    {
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, NO_COLOR: "1", WORKSHOP_STATE_DIR: join(root, ".workshop") },
    },
  );
  let output = "";
  child.stdout?.setEncoding("utf8").on("data", (chunk: string) => {
    output += chunk;
  });
  child.stderr?.setEncoding("utf8").on("data", (chunk: string) => {
    output += chunk;
  });
  const exited = new Promise<void>((done) => child.once("exit", () => done()));
  const url = await new Promise<string>((found, failed) => {
    const timer = setTimeout(() => failed(new Error(`the app printed no address in 60 s:\n${output}`)), 60_000);
    const look = () => {
      const match = /The workshop is at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        found(match[1]);
      }
    };
    child.stdout?.on("data", look);
    child.once("exit", (code) => failed(new Error(`the app ended (${code}) before serving:\n${output}`)));
  });
  return {
    root,
    url,
    child,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null) child.kill("SIGINT");
      await exited;
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/** Replaces the copy's link to the app's node_modules by a folder of links: the same packages, the copy's grader. */
function pointAtOwnGrader(root: string): void {
  const realModules = join(realRoot, "packages/app/node_modules");
  const modules = join(root, "packages/app/node_modules");
  rmSync(modules, { force: true });
  mkdirSync(join(modules, "@workshop"), { recursive: true });
  for (const entry of readdirSync(realModules)) {
    if (entry === "@workshop") continue;
    symlinkSync(join(realModules, entry), join(modules, entry));
  }
  for (const entry of readdirSync(join(realModules, "@workshop"))) {
    const target =
      entry === "grader"
        ? join(root, "grader")
        : resolve(join(realModules, "@workshop"), readlinkSync(join(realModules, "@workshop", entry)));
    symlinkSync(target, join(modules, "@workshop", entry));
  }
}
