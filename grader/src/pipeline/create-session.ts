import { loadCourse } from "../course.ts";
import { readManifest } from "../manifest.ts";
import { GradingSession, type SessionOptions } from "./session.ts";

/**
 * What a new session needs to be told. What every caller would otherwise read the same way is read here: the
 * workshop's manifest, course.json's policy for an inconclusive speedup, and hidden tests' messages kept out.
 */
export type NewSessionOptions = Omit<SessionOptions, "manifest" | "policy" | "revealHiddenTests"> &
  Partial<Pick<SessionOptions, "manifest" | "policy" | "revealHiddenTests">>;

/**
 * The one way a grading session is made: `pnpm grade`, watch mode, the class commands, the browser app and the
 * grader's own tests all call it, so a setting a session needs is added in one place.
 */
export function createGradingSession(options: NewSessionOptions): GradingSession {
  return new GradingSession({
    ...options,
    manifest: options.manifest ?? readManifest(),
    policy: options.policy ?? loadCourse().inconclusiveSpeedup,
    revealHiddenTests: options.revealHiddenTests ?? false,
  });
}
