import { emitKeypressEvents } from "node:readline";
import pc from "picocolors";
import { type Exercise, findExercise } from "../curriculum/load-curriculum.ts";
import { workshop } from "../paths.ts";
import { createGradingSession } from "../pipeline/create-session.ts";
import type { GradingSession } from "../pipeline/session.ts";
import { TerminalReporter } from "../report/terminal.ts";
import type { ExerciseStatus } from "../result.ts";
import { loadState, progressFile, recordResult } from "../state.ts";
import { withUsed } from "../tree/learner-code.ts";
import { watchSaves } from "../tree/watch-saves.ts";
import { showNextHint } from "./hint.ts";
import { formatProgressList } from "./list.ts";

export interface WatchOptions {
  session: GradingSession;
  curriculum: Exercise[];
  /** Where hints are counted, shared with `pnpm grade hint` and the browser app. */
  stateFile: string;
  /** The verdicts known before this session: where it starts, and where it moves on to. */
  verdicts: Record<string, ExerciseStatus>;
  /** Check files' modification times twice a second instead of relying on file-system events. */
  poll: boolean;
  startAt?: Exercise;
}

export interface WatchCommandOptions {
  /** Where to start: an exercise's number, id or start of name; the first not passed yet when absent. */
  query?: string;
  /** The folder `--target` named, checked (cli/target.ts); exercises/ when absent. */
  target?: string;
  poll: boolean;
  timeout?: number;
}

/**
 * `pnpm grade watch` (`--watch`): a practice session of exercises/ or another folder, graded on every save.
 * Progress is kept for exercises/ only: another folder's passes are known to this session alone.
 */
export function watchCommand(curriculum: Exercise[], options: WatchCommandOptions): Promise<number> {
  const source = options.target ?? workshop.exercises;
  const own = source === workshop.exercises;
  const session = createGradingSession({
    curriculum,
    source,
    label: own ? "exercises" : source,
    mode: "practice",
    ...(options.timeout ? { timeLimitSeconds: options.timeout } : {}),
    ...(own ? { onVerdict: (result) => recordResult(progressFile, result) } : {}),
  });
  return watchExercises({
    session,
    curriculum,
    stateFile: progressFile,
    verdicts: own ? loadState(progressFile).lastStatus : {},
    poll: options.poll,
    ...(options.query ? { startAt: findExercise(curriculum, options.query) } : {}),
  });
}

/**
 * rustlings-style watch mode: grades the current exercise through the session, re-grades it on every save, and
 * moves on to the next one when it passes, or when its tests pass and only its speedup could not be measured (a
 * busy machine says nothing about the code: grading it again later settles it). A save in another exercise's
 * folder makes that exercise the current one. When every exercise passes it says so and keeps watching, until q.
 * A save while grading cancels that grade and starts again. Keys: h = hint, l = list, q (or Ctrl-C) = quit,
 * which stops whatever is running at once. Resolves with the exit code.
 */
export function watchExercises(options: WatchOptions): Promise<number> {
  const { curriculum, stateFile, session } = options;
  const source = session.options.source;
  const reporter = new TerminalReporter({ curriculum, flavour: "watch" });
  const verdicts = { ...options.verdicts };
  const passed = (exercise: Exercise) => verdicts[exercise.id] === "passed";
  let current: Exercise | undefined = options.startAt ?? curriculum.find((e) => !passed(e)) ?? curriculum[0];
  let running: AbortController | undefined;
  let again = false;
  let stopWatching = () => {};
  session.warmUp();

  return new Promise<number>((resolve) => {
    let done = false;
    const quit = (code: number) => {
      if (done) return;
      done = true;
      running?.abort();
      stopWatching();
      session.close();
      if (process.stdin.isTTY) process.stdin.setRawMode(false);
      // Pausing is not enough for a piped stdin: its handle would keep the process alive.
      process.stdin.destroy();
      resolve(code);
    };
    const waiting = (exercise: Exercise): void => {
      process.stdout.write(pc.dim(`\nwatching ${exercise.id}/ - save to re-grade · h hint · l list · q quit\n`));
    };

    /** A save in these folders: the current exercise's own (or those it uses), or another exercise's. */
    const onSave = (folders: Set<string>) => {
      const uses = current ? withUsed([current], curriculum).map((exercise) => exercise.id) : [];
      const other = [...folders].filter((id) => !uses.includes(id));
      const saved = curriculum.find((exercise) => exercise.id === other.at(-1));
      if (saved && !uses.some((id) => folders.has(id))) {
        process.stdout.write(pc.dim(`\nsaved in ${saved.id}/: grading it\n`));
        current = saved;
      }
      if (running) {
        again = true;
        running.abort();
      } else void grade();
    };

    const grade = async (): Promise<void> => {
      const exercise = current;
      if (!exercise || done) return;
      const controller = new AbortController();
      running = controller;
      process.stdout.write(`\n${pc.dim(`grading ${exercise.id}…`)}\n`);
      const report = await session.grade([exercise], {
        signal: controller.signal,
        listeners: [(e) => reporter.onEvent(e)],
      });
      running = undefined;
      if (done) return;
      if (again || !report) {
        again = false;
        if (!report) process.stdout.write(pc.dim("saved again: grading anew\n"));
        return grade();
      }
      const [result] = report.exercises;
      if (result) verdicts[exercise.id] = result.status;
      if (result?.status !== "passed" && result?.status !== "inconclusive") return waiting(exercise);
      const next = curriculum.find((e) => e.number > exercise.number && !passed(e));
      const settled =
        result.status === "passed"
          ? `${exercise.id} passes!`
          : `${exercise.id}'s tests pass; grade it again on a quieter machine to time its speedup.`;
      if (!next) {
        const allPass = curriculum.every(passed);
        process.stdout.write(allPass ? pc.green(pc.bold("\nEvery exercise passes. Well done!\n")) : `\n${settled}\n`);
        return waiting(exercise);
      }
      process.stdout.write(pc.green(`\n${settled} On to ${next.id}: exercises/${next.id}/README.md\n`));
      current = next;
      return grade();
    };

    listenForKeys({
      hint: () => current && process.stdout.write(`\n${showNextHint(current, stateFile, "Press h again")}\n`),
      list: () =>
        process.stdout.write(`\n${formatProgressList(curriculum, stateFile, process.stdout.columns, verdicts)}\n`),
      quit: () => quit(0),
    });
    const stop = watchSaves(
      source,
      curriculum.map((exercise) => exercise.id),
      options.poll,
      (saved) => saved.kind === "code" && onSave(new Set([saved.exerciseId])),
    );
    stopWatching = () => void stop();
    void grade();
  });
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
