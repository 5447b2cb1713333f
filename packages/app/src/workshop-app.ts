import { existsSync, mkdirSync, readFileSync, statSync } from "node:fs";
import { basename, join } from "node:path";
import { displayPath, type Exercise, loadCurriculum, workshop } from "@workshop/grader/curriculum";
import { loadState, nextHint, type ProgressState, progressFile, recordResult } from "@workshop/grader/progress";
import type { ExerciseResult, ExerciseStatus } from "@workshop/grader/results";
import { earnedItsPoints } from "@workshop/grader/results";
import { createGradingSession, watchSaves } from "@workshop/grader/session";
import { LiveGrading, type LiveUpdate } from "./grading/live-grading.ts";
import { watchState } from "./grading/state-watcher.ts";
import { createMarkdownRenderer, type RenderMarkdown } from "./lesson/markdown.ts";
import { EventStream, type PageMessage } from "./server/event-stream.ts";
import { hintsPanel } from "./views/hints.ts";
import { type Html, layout } from "./views/layout.ts";
import { exercisePage, homePage } from "./views/pages.ts";
import { nextExercise, progressList } from "./views/progress.ts";
import { resultPanel } from "./views/result.ts";
import type { LearnerPlot } from "./views/speedup.ts";

/** The progress file the CLI keeps (`pnpm grade list`, `hint`, watch mode): the app reads and writes the same. */

export interface WorkshopAppOptions {
  /** Check the exercise folders for saves twice a second instead of relying on file-system events. */
  poll: boolean;
}

/**
 * The learner's workshop in the browser, without its HTTP server: the curriculum, one practice grading session
 * on exercises/ (warm, as watch mode's), the saves that re-grade, the progress, the hints, and the pages.
 */
export class WorkshopApp {
  readonly curriculum: Exercise[];
  readonly events = new EventStream();
  readonly #grading: LiveGrading;
  readonly #render: RenderMarkdown;
  readonly #stopWatching: () => Promise<void>;
  readonly #stopWatchingState: () => Promise<void>;
  /** What the pages were last told of each exercise's grade and hints, as the state file had them. */
  #told = new Map<string, Told>();
  readonly #activity = new Map<string, string>();
  readonly #graderErrors = new Map<string, string>();
  readonly #lessons = new Map<string, { mtimeMs: number; html: string }>();
  #publishing: Promise<void> = Promise.resolve();
  /** Updates published to the pages so far: a page drawn before the latest one must be told how things stand. */
  #updates = 0;

  static async start(options: WorkshopAppOptions): Promise<WorkshopApp> {
    return new WorkshopApp(options, await createMarkdownRenderer());
  }

  private constructor(options: WorkshopAppOptions, render: RenderMarkdown) {
    this.curriculum = loadCurriculum(workshop.exercises);
    this.#render = render;
    const session = createGradingSession({
      curriculum: this.curriculum,
      source: workshop.exercises,
      label: "exercises",
      mode: "practice",
      // The same record `pnpm grade` keeps, so that `pnpm grade list` and this app agree on the progress.
      onVerdict: (result) => recordResult(progressFile, result),
    });
    session.warmUp();
    // One update after the other, in the order the session gave them: a verdict drawn with its charts must not
    // arrive after the activity of the grade that followed it.
    this.#grading = new LiveGrading(session, (update) => {
      this.#publishing = this.#publishing.then(() => this.#onUpdate(update)).catch(() => {});
    });
    this.#stopWatching = watchSaves(
      workshop.exercises,
      this.curriculum.map((exercise) => exercise.id),
      options.poll,
      ({ exerciseId, kind }) => {
        const exercise = this.find(exerciseId);
        if (!exercise) return;
        if (kind === "code") this.grade(exercise);
        else this.events.publish({ event: "plot", data: { id: exercise.id, url: this.#learnerPlot(exercise)?.url } });
      },
    );
    // A grade or a hint of `pnpm grade` in a terminal, or of another app, shows here as soon as it is written.
    mkdirSync(workshop.state, { recursive: true });
    this.#told = toldOf(this.curriculum, loadState(progressFile));
    this.#stopWatchingState = watchState(progressFile, options.poll, () => {
      this.#publishing = this.#publishing.then(() => this.#onStateChange()).catch(() => {});
    });
  }

  find(id: string): Exercise | undefined {
    return this.curriculum.find((exercise) => exercise.id === id);
  }

  grade(exercise: Exercise): void {
    this.#graderErrors.delete(exercise.id);
    this.#grading.request(exercise);
  }

  /** Shows one more hint: counted in the state file the CLI's `pnpm grade hint` counts in. */
  nextHint(exercise: Exercise): Html {
    nextHint(exercise, progressFile);
    return this.hints(exercise);
  }

  hints(exercise: Exercise): Html {
    return hintsPanel(exercise, loadState(progressFile).hintsShown[exercise.id] ?? 0, this.#render);
  }

  homePage(): Html {
    const done = this.#done();
    return layout({
      title: "Progress",
      updates: this.#updates,
      progress: this.progress(),
      main: homePage(nextExercise(this.curriculum, done), done.size, this.curriculum.length),
    });
  }

  exercisePage(exercise: Exercise): Html {
    const index = this.curriculum.indexOf(exercise);
    return layout({
      title: `${exercise.number}. ${exercise.title}`,
      exerciseId: exercise.id,
      updates: this.#updates,
      progress: this.progress(),
      main: exercisePage({
        exercise,
        lessonHtml: this.#lesson(exercise),
        result: this.result(exercise),
        hints: this.hints(exercise),
        previous: this.curriculum[index - 1],
        next: this.curriculum[index + 1],
      }),
    });
  }

  progress(): Html {
    const grading = new Set(this.curriculum.filter((e) => this.#grading.pending(e.id)).map((e) => e.id));
    return progressList({ curriculum: this.curriculum, statuses: this.#statuses(), done: this.#done(), grading });
  }

  result(exercise: Exercise): Html {
    const plots = this.#learnerPlot(exercise);
    return resultPanel({
      exercise,
      result: this.#latest(exercise.id),
      activity: this.#activity.get(exercise.id),
      graderError: this.#graderErrors.get(exercise.id),
      next: nextExercise(this.curriculum, this.#done()),
      ...(plots ? { plots } : {}),
    });
  }

  /** The learner's SVG of an efficiency exercise, if their main() saved it. */
  learnerPlotFile(exercise: Exercise): string | undefined {
    const efficiency = exercise.contract.speedup?.efficiency;
    // main() saves the plot beside its own file: `efficiency.ts` saves `efficiency.timings.svg`.
    return efficiency
      ? join(workshop.exercises, exercise.id, `${basename(efficiency.file, ".ts")}.timings.svg`)
      : undefined;
  }

  async close(): Promise<void> {
    this.#grading.close();
    this.events.close();
    await Promise.all([this.#stopWatching(), this.#stopWatchingState()]);
  }

  #learnerPlot(exercise: Exercise): LearnerPlot | undefined {
    const file = this.learnerPlotFile(exercise);
    const efficiency = exercise.contract.speedup?.efficiency;
    if (!file || !efficiency) return undefined;
    const url = existsSync(file)
      ? `/exercises/${exercise.id}/plot.svg?v=${Math.round(statSync(file).mtimeMs)}`
      : undefined;
    return {
      url,
      shownPath: displayPath(file),
      // As the lesson says to run it, from exercises/.
      command: `cd exercises && pnpm exec tsx ${exercise.id}/${efficiency.file}`,
      sweepSamples: efficiency.totalSamples,
    };
  }

  /**
   * The latest result of an exercise, whoever graded it: the state file holds every verdict of this app, of
   * `pnpm grade` and of watch mode, the newest last; this session's own is the fallback when it could not be kept.
   */
  #latest(id: string): ExerciseResult | undefined {
    return loadState(progressFile).lastResult[id]?.result ?? this.#grading.result(id);
  }

  /** The latest verdict of each exercise, whoever gave it, as `pnpm grade list` shows them. */
  #statuses(): Record<string, ExerciseStatus> {
    const statuses: Record<string, ExerciseStatus> = {};
    const kept = loadState(progressFile).lastStatus;
    for (const exercise of this.curriculum) {
      const status = kept[exercise.id] ?? this.#grading.result(exercise.id)?.status;
      if (status) statuses[exercise.id] = status;
    }
    return statuses;
  }

  /** The exercises that earned their points, by their latest result (or status, where no result was kept). */
  #done(): Set<string> {
    const statuses = this.#statuses();
    return new Set(
      this.curriculum
        .filter((exercise) => {
          const result = this.#latest(exercise.id);
          return result ? earnedItsPoints(result) : statuses[exercise.id] === "passed";
        })
        .map((exercise) => exercise.id),
    );
  }

  /** The state file changed: every page hears of each exercise whose grade or hints changed in it. */
  async #onStateChange(): Promise<void> {
    const now = toldOf(this.curriculum, loadState(progressFile));
    for (const exercise of this.curriculum) {
      const before = this.#told.get(exercise.id);
      const after = now.get(exercise.id);
      if (!after) continue;
      this.#told.set(exercise.id, after);
      if (after.graded !== before?.graded) {
        this.#updates++;
        this.events.publish(await this.resultMessage(exercise));
      }
      if (after.hints !== before?.hints) {
        const hints = String(await this.hints(exercise));
        this.events.publish({ event: "hints", data: { id: exercise.id, shown: after.hints, hints } });
      }
    }
  }

  /** The lesson as HTML, rendered again only when its README changed. */
  #lesson(exercise: Exercise): string {
    const file = join(exercise.dir, "README.md");
    const { mtimeMs } = statSync(file);
    const cached = this.#lessons.get(exercise.id);
    if (cached?.mtimeMs === mtimeMs) return cached.html;
    const html = this.#render(readFileSync(file, "utf8"));
    this.#lessons.set(exercise.id, { mtimeMs, html });
    return html;
  }

  /**
   * What a page that connects must hear first: how its exercise stands, when anything was published since the
   * page was drawn (`seen` updates); nothing when the page is current, so that a page is not redrawn for nothing.
   */
  async greeting(exercise: Exercise | undefined, seen: number): Promise<PageMessage[]> {
    return exercise && seen !== this.#updates ? [await this.resultMessage(exercise)] : [];
  }

  async #onUpdate(update: LiveUpdate): Promise<void> {
    if (update.type === "grading") this.#activity.set(update.id, update.activity);
    else this.#activity.delete(update.id);
    if (update.type === "grader-error") this.#graderErrors.set(update.id, update.message);
    // Counted with the state it changes: a page drawn from now on shows it, and is drawn with the new count.
    this.#updates++;
    const exercise = this.find(update.id);
    if (!exercise) return;
    const progress = String(await this.progress());
    if (update.type === "grading") {
      this.events.publish({ event: "activity", data: { id: update.id, activity: update.activity, progress } });
      return;
    }
    // This verdict is in the state file already: the pages hear of it here, not again from the file.
    // Only its grade: a hint given meanwhile (in a terminal) is still to be told.
    const graded = toldOf([exercise], loadState(progressFile)).get(exercise.id)?.graded ?? "";
    this.#told.set(exercise.id, { graded, hints: this.#told.get(exercise.id)?.hints ?? 0 });
    this.events.publish(await this.resultMessage(exercise));
  }

  /** The message that shows a page the exercise's result panel as it stands: its grade, or what runs. */
  async resultMessage(exercise: Exercise): Promise<PageMessage> {
    const status = this.#graderErrors.has(exercise.id) ? "error" : (this.#latest(exercise.id)?.status ?? "not-graded");
    const progress = String(await this.progress());
    return {
      event: "result",
      data: { id: exercise.id, status, progress, result: String(await this.result(exercise)) },
    };
  }
}

/** What the pages know of an exercise from the state file: when it was last graded, and how many hints are out. */
interface Told {
  graded: string;
  hints: number;
}

function toldOf(curriculum: Exercise[], state: ProgressState): Map<string, Told> {
  return new Map(
    curriculum.map((exercise) => [
      exercise.id,
      {
        graded: state.lastResult[exercise.id]?.gradedAt ?? state.lastStatus[exercise.id] ?? "",
        hints: state.hintsShown[exercise.id] ?? 0,
      },
    ]),
  );
}
