import { existsSync, type FSWatcher, statSync, watch as watchFolder } from "node:fs";
import { join } from "node:path";
import { emitKeypressEvents } from "node:readline";
import pc from "picocolors";
import { StaticAnalysis } from "../analysis/static-analysis.ts";
import type { Exercise } from "../curriculum.ts";
import { filesToAnalyze, gradeExercise, testProcessFor } from "../grade-exercise.ts";
import { exercisesDir } from "../paths.ts";
import { formatDetails, formatRow } from "../report/terminal.ts";
import { loadState, saveState } from "../state.ts";
import { showNextHint } from "./hint.ts";
import { formatProgressList } from "./list.ts";

export interface WatchOptions {
  curriculum: Exercise[];
  /** The tree being worked on: `exercises/`, or a copy of it given with `--target`. */
  target: string;
  stateFile: string;
  /** Check files' modification times every half second instead of relying on file-system events. */
  poll: boolean;
  startAt?: Exercise;
}

const DEBOUNCE_MS = 100;
const POLL_MS = 500;

/**
 * rustlings-style watch mode: grades the current exercise, re-grades it on every save, and moves on to the
 * next one when it passes. Keys: h = hint, l = list, q = quit. Resolves with the exit code.
 */
export function watchExercises(options: WatchOptions): Promise<number> {
  const { curriculum, stateFile, target } = options;
  const state = loadState(stateFile, (m) => process.stderr.write(`${m}\n`));
  let current: Exercise | undefined =
    options.startAt ?? curriculum.find((e) => state.lastStatus[e.id] !== "passed") ?? curriculum[0];
  const tests = testProcessFor(target);
  const staticAnalysis = new StaticAnalysis(join(exercisesDir, "tsconfig.json"));
  let stopWatching = () => {};
  let grading = false;
  let again = false;

  return new Promise<number>((resolve) => {
    const quit = (code: number) => {
      stopWatching();
      tests.close();
      staticAnalysis.close();
      if (process.stdin.isTTY) process.stdin.setRawMode(false);
      // Pausing is not enough for a piped stdin: its handle would keep the process alive.
      process.stdin.destroy();
      resolve(code);
    };

    const grade = async (): Promise<void> => {
      if (!current) return;
      if (grading) {
        again = true;
        return;
      }
      grading = true;
      const exercise = current;
      process.stdout.write(`\n${pc.dim(`grading ${exercise.id}…`)}\n`);
      const { files, shapeOnly } = filesToAnalyze([exercise], target);
      const analysis = staticAnalysis.analyze(files, shapeOnly);
      const result = await gradeExercise(exercise, { target, tests, analysis });
      const fresh = loadState(stateFile);
      fresh.lastStatus[exercise.id] = result.status;
      saveState(stateFile, fresh);
      process.stdout.write(`${formatRow(result, true)}\n`);
      grading = false;
      if (result.status !== "passed") {
        process.stdout.write(`${formatDetails(result, exercise)}\n`);
        process.stdout.write(pc.dim(`\nwatching ${exercise.id}/ - save to re-grade · h hint · l list · q quit\n`));
      } else {
        const next = curriculum.find((e) => e.number > exercise.number && fresh.lastStatus[e.id] !== "passed");
        if (!next) {
          process.stdout.write(pc.green(pc.bold("\nEvery exercise passes. Well done!\n")));
          quit(0);
          return;
        }
        process.stdout.write(pc.green(`\n${exercise.id} passes! On to ${next.id}: exercises/${next.id}/README.md\n`));
        current = next;
        stopWatching();
        stopWatching = watchExercise(join(target, next.id), next.codeFiles, options.poll, () => void grade());
        again = true;
      }
      if (again) {
        again = false;
        await grade();
      }
    };

    listenForKeys({
      hint: () => current && process.stdout.write(`\n${showNextHint(current, stateFile)}\n`),
      list: () => process.stdout.write(`\n${formatProgressList(curriculum, stateFile)}\n`),
      quit: () => quit(0),
    });
    if (current)
      stopWatching = watchExercise(join(target, current.id), current.codeFiles, options.poll, () => void grade());
    void grade();
  });
}

/** Calls `onChange` after the learner saves one of `codeFiles` in `dir`; returns the function that stops watching. */
function watchExercise(dir: string, codeFiles: string[], poll: boolean, onChange: () => void): () => void {
  let debounce: NodeJS.Timeout | undefined;
  const changed = () => {
    clearTimeout(debounce);
    // Editors save in bursts (write, rename, chmod): one re-grade per save.
    debounce = setTimeout(onChange, DEBOUNCE_MS);
  };
  const files = codeFiles.map((name) => join(dir, name));
  // A folder that does not exist yet cannot be watched; polling notices when its files appear.
  if (!poll && existsSync(dir)) {
    let watcher: FSWatcher | undefined;
    try {
      watcher = watchFolder(dir, (_event, name) => {
        if (name && codeFiles.includes(String(name))) changed();
      });
      watcher.on("error", () => {});
      return () => {
        clearTimeout(debounce);
        watcher?.close();
      };
    } catch {
      process.stderr.write(pc.yellow("File watching is not available here; checking for changes twice a second.\n"));
    }
  }
  // The fallback for file systems without change events (some network drives, containers, WSL mounts).
  const mtime = (file: string) => {
    try {
      return statSync(file).mtimeMs;
    } catch {
      return 0;
    }
  };
  let last = files.map(mtime).join();
  const timer = setInterval(() => {
    const now = files.map(mtime).join();
    if (now !== last) {
      last = now;
      changed();
    }
  }, POLL_MS);
  return () => {
    clearTimeout(debounce);
    clearInterval(timer);
  };
}

/** Single keys on a terminal; whole lines ("h", "l", "q") when input is piped. */
function listenForKeys(actions: { hint: () => void; list: () => void; quit: () => void }): void {
  const act = (key: string) => {
    if (key === "h") actions.hint();
    else if (key === "l") actions.list();
    else if (key === "q") actions.quit();
  };
  if (process.stdin.isTTY) {
    emitKeypressEvents(process.stdin);
    process.stdin.setRawMode(true);
    process.stdin.on("keypress", (_text: string, key: { name?: string; ctrl?: boolean }) => {
      if (key.ctrl && key.name === "c") actions.quit();
      else act(key.name ?? "");
    });
  } else {
    process.stdin.setEncoding("utf8").on("data", (chunk: string) => {
      for (const line of chunk.split("\n")) act(line.trim());
    });
  }
  process.stdin.resume();
}
