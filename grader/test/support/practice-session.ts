import { loadCurriculum } from "../../src/curriculum/load-curriculum.ts";
import { readManifest } from "../../src/manifest.ts";
import { workshop } from "../../src/paths.ts";
import { GradingSession } from "../../src/pipeline/session.ts";

/** A practice session on the workshop's own exercises/, as `pnpm grade` makes one, for tests that grade in-process. */
export function practiceSession(): GradingSession {
  return new GradingSession({
    curriculum: loadCurriculum(workshop.exercises),
    source: workshop.exercises,
    label: "exercises",
    mode: "practice",
    manifest: readManifest(),
    policy: "zero",
    revealHiddenTests: false,
  });
}
