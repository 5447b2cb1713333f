import { loadCurriculum } from "../../src/curriculum/load-curriculum.ts";
import { workshop } from "../../src/paths.ts";
import { createGradingSession } from "../../src/pipeline/create-session.ts";
import type { GradingSession } from "../../src/pipeline/session.ts";

/** A practice session on the workshop's own exercises/, as `pnpm grade` makes one, for tests that grade in-process. */
export function practiceSession(): GradingSession {
  return createGradingSession({
    curriculum: loadCurriculum(workshop.exercises),
    source: workshop.exercises,
    label: "exercises",
    mode: "practice",
    policy: "zero",
  });
}
