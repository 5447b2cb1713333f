import type { Exercise } from "@workshop/grader/curriculum";
import type { ExerciseResult } from "@workshop/grader/results";
import type { GradeEvent, GradingSession } from "@workshop/grader/session";

/** What the page is told about an exercise while and after it is graded. */
export type LiveUpdate =
  | { type: "grading"; id: string; activity: string }
  | { type: "verdict"; id: string; result: ExerciseResult }
  | { type: "grader-error"; id: string; message: string };

/**
 * The browser app's use of the one grading pipeline: it asks the session to grade one exercise at a time, in
 * the order they were asked for, and turns the session's typed events into updates for the page. A grade asked
 * for again while it runs (the learner saved the file again) is cancelled through its AbortSignal and started
 * afresh, as watch mode does; the session itself sequences everything inside a grade.
 */
export class LiveGrading {
  readonly #session: GradingSession;
  readonly #publish: (update: LiveUpdate) => void;
  /** This session's latest verdict of each exercise. */
  readonly #results = new Map<string, ExerciseResult>();
  /** Exercises waiting for their turn, in the order asked. */
  readonly #queue: Exercise[] = [];
  #running: { exercise: Exercise; controller: AbortController } | undefined;
  #closed = false;
  /** Resolves when nothing is running or waiting: for tests and for a clean shutdown. */
  #idle: Promise<void> = Promise.resolve();
  #settle: () => void = () => {};

  constructor(session: GradingSession, publish: (update: LiveUpdate) => void) {
    this.#session = session;
    this.#publish = publish;
  }

  result(id: string): ExerciseResult | undefined {
    return this.#results.get(id);
  }

  /** Whether the exercise is being graded or waits for it. */
  pending(id: string): boolean {
    return this.#running?.exercise.id === id || this.#queue.some((exercise) => exercise.id === id);
  }

  /** Grades `exercise` as soon as the grade before it ends; a grade of it already running starts over. */
  request(exercise: Exercise): void {
    if (this.#closed) return;
    if (this.#running?.exercise === exercise) {
      this.#running.controller.abort();
      if (!this.#queue.includes(exercise)) this.#queue.unshift(exercise);
      return;
    }
    if (!this.#queue.includes(exercise)) this.#queue.push(exercise);
    if (this.#running) {
      this.#publish({ type: "grading", id: exercise.id, activity: "waiting for its turn" });
      return;
    }
    this.#idle = new Promise((resolve) => (this.#settle = resolve));
    this.#startNext();
  }

  idle(): Promise<void> {
    return this.#idle;
  }

  /** Stops what runs, forgets what waits, and ends the session's processes. */
  close(): void {
    this.#closed = true;
    this.#queue.length = 0;
    this.#running?.controller.abort();
    this.#session.close();
  }

  #startNext(): void {
    const exercise = this.#queue.shift();
    if (!exercise || this.#closed) {
      this.#settle();
      return;
    }
    const controller = new AbortController();
    this.#running = { exercise, controller };
    void this.#grade(exercise, controller.signal).finally(() => {
      this.#running = undefined;
      this.#startNext();
    });
  }

  async #grade(exercise: Exercise, signal: AbortSignal): Promise<void> {
    const activity = new Activity(exercise.id, this.#publish);
    try {
      await this.#session.grade([exercise], { signal, listeners: [(event) => this.#onEvent(event, activity)] });
    } catch (error) {
      // The grader could not grade (a broken install, an unreadable exercise.json): the page says why.
      this.#publish({ type: "grader-error", id: exercise.id, message: (error as Error).message });
    }
  }

  #onEvent(event: GradeEvent, activity: Activity): void {
    switch (event.type) {
      case "exercise-started":
        activity.show("checking the code");
        break;
      case "test-finished":
        activity.countTest(event.test.status);
        break;
      case "speedup-progress":
        activity.show(
          event.phase === "structure"
            ? "checking how the split uses the pool"
            : `timing the speedup: ${event.ratios.length} pairs so far`,
        );
        break;
      case "exercise-verdict":
        this.#results.set(event.result.id, event.result);
        this.#publish({ type: "verdict", id: event.result.id, result: event.result });
        break;
      case "run-started":
      case "analysis-finished":
      case "speedup-result":
      case "exercise-cancelled":
      case "run-finished":
        break;
    }
  }
}

/** What is happening in the grade of one exercise, in a few words, with the tests counted as they finish. */
class Activity {
  readonly #id: string;
  readonly #publish: (update: LiveUpdate) => void;
  #passed = 0;
  #failed = 0;

  constructor(id: string, publish: (update: LiveUpdate) => void) {
    this.#id = id;
    this.#publish = publish;
  }

  show(activity: string): void {
    this.#publish({ type: "grading", id: this.#id, activity });
  }

  countTest(status: string): void {
    if (status === "passed") this.#passed++;
    else if (status === "failed") this.#failed++;
    const failed = this.#failed > 0 ? `, ${this.#failed} failed` : "";
    this.show(`running the tests: ${this.#passed} passed${failed}`);
  }
}
