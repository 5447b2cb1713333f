import { type ChildProcess, spawn } from "node:child_process";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { copyWorkshop } from "../../../../grader/test/support/workshop-copy.ts";

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
 * linked, and its workspace links (the app's to the grader among them) point into the copy: the grader grades
 * the workshop it lives in, and the real one must never be touched. `prepare` changes the copy before the app
 * starts.
 */
export async function startAppInCopy(args: string[] = [], prepare?: (root: string) => void): Promise<RunningApp> {
  const root = copyWorkshop();
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
