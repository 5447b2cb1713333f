// The app's use of the grading session, with a session whose grades finish when the test says: one grade at a
// time, in the order asked, a grade asked for again cancelled through its signal, and updates for the page.
import type { Exercise } from "@workshop/grader/curriculum";
import type { ExerciseResult, GradeReport } from "@workshop/grader/results";
import type { GradeListener, GradingSession, RunRequest } from "@workshop/grader/session";
import { describe, expect, it } from "vitest";
import { LiveGrading, type LiveUpdate } from "../src/grading/live-grading.ts";

const exercise = (id: string) => ({ id, number: Number(id.slice(0, 2)), title: id, points: 5 }) as Exercise;
const one = exercise("01-integers");
const two = exercise("02-even-numbers");

/** A grade the test finishes by hand, or that ends cancelled when its signal aborts, as the session's does. */
interface PendingGrade {
  exercise: Exercise;
  signal: AbortSignal | undefined;
  emit: GradeListener;
  pass(): void;
}

function fakeSession() {
  const grades: PendingGrade[] = [];
  let closed = false;
  const session = {
    grade(exercises: Exercise[], request: RunRequest): Promise<GradeReport | undefined> {
      const [graded] = exercises;
      if (!graded) throw new Error("one exercise at a time");
      const emit: GradeListener = (event) => {
        for (const listener of request.listeners) listener(event);
      };
      return new Promise((resolve) => {
        request.signal?.addEventListener("abort", () => {
          emit({ type: "exercise-cancelled", id: graded.id });
          resolve(undefined);
        });
        grades.push({
          exercise: graded,
          signal: request.signal,
          emit,
          pass: () => {
            emit({ type: "exercise-verdict", result: { id: graded.id, status: "passed" } as ExerciseResult });
            resolve({} as GradeReport);
          },
        });
        emit({ type: "exercise-started", id: graded.id, index: 0, total: 1 });
      });
    },
    close: () => {
      closed = true;
    },
  };
  return { session: session as unknown as GradingSession, grades, closed: () => closed };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe("LiveGrading", () => {
  it("grades one exercise at a time, in the order asked, each once however often it was asked", async () => {
    const { session, grades } = fakeSession();
    const live = new LiveGrading(session, () => {});
    live.request(one);
    live.request(two);
    live.request(two);
    await tick();
    expect(grades.map((g) => g.exercise.id)).toEqual(["01-integers"]);
    expect(live.pending("02-even-numbers")).toBe(true);
    grades[0]?.pass();
    await tick();
    expect(grades.map((g) => g.exercise.id)).toEqual(["01-integers", "02-even-numbers"]);
    grades[1]?.pass();
    await live.idle();
    expect(live.result("01-integers")?.status).toBe("passed");
    expect(live.pending("02-even-numbers")).toBe(false);
  });

  it("cancels a grade asked for again while it runs, through its signal, and grades it afresh", async () => {
    const { session, grades } = fakeSession();
    const live = new LiveGrading(session, () => {});
    live.request(one);
    await tick();
    live.request(one);
    expect(grades[0]?.signal?.aborted).toBe(true);
    await tick();
    expect(grades).toHaveLength(2);
    expect(grades[1]?.signal?.aborted).toBe(false);
    grades[1]?.pass();
    await live.idle();
    expect(live.result("01-integers")?.status).toBe("passed");
  });

  it("tells the page what is happening, with the tests counted, and the verdict", async () => {
    const { session, grades } = fakeSession();
    const updates: LiveUpdate[] = [];
    const live = new LiveGrading(session, (update) => updates.push(update));
    live.request(one);
    live.request(two);
    await tick();
    const test = { name: "t", durationMs: 1, message: "" };
    grades[0]?.emit({ type: "test-finished", id: one.id, test: { ...test, status: "passed" } });
    grades[0]?.emit({ type: "test-finished", id: one.id, test: { ...test, status: "failed" } });
    grades[0]?.emit({ type: "speedup-progress", id: one.id, phase: "timing", ratios: [1.5, 1.6] });
    grades[0]?.pass();
    await tick();
    expect(updates.map((u) => (u.type === "grading" ? `${u.id}: ${u.activity}` : `${u.id}: ${u.type}`))).toEqual([
      "01-integers: checking the code",
      "02-even-numbers: waiting for its turn",
      "01-integers: running the tests: 1 passed",
      "01-integers: running the tests: 1 passed, 1 failed",
      "01-integers: timing the speedup: 2 pairs so far",
      "01-integers: verdict",
      "02-even-numbers: checking the code",
    ]);
    live.close();
  });

  it("says why when the grader cannot grade, and goes on with the next", async () => {
    const updates: LiveUpdate[] = [];
    const failing = {
      grade: async () => {
        throw new Error("exercises/01-integers/exercise.json is not JSON");
      },
      close: () => {},
    } as unknown as GradingSession;
    const live = new LiveGrading(failing, (update) => updates.push(update));
    live.request(one);
    live.request(two);
    await live.idle();
    expect(updates.filter((u) => u.type === "grader-error").map((u) => u.id)).toEqual([
      "01-integers",
      "02-even-numbers",
    ]);
    expect(updates.find((u) => u.type === "grader-error")).toMatchObject({ message: /exercise\.json is not JSON/ });
  });

  it("stops what runs and ends the session when closed", async () => {
    const { session, grades, closed } = fakeSession();
    const live = new LiveGrading(session, () => {});
    live.request(one);
    live.request(two);
    await tick();
    live.close();
    expect(grades[0]?.signal?.aborted).toBe(true);
    expect(closed()).toBe(true);
    await live.idle();
    expect(grades).toHaveLength(1);
  });
});
