// @workshop/grader/session: grading through the one pipeline, and the saves that call for it.

export { createGradingSession, type NewSessionOptions } from "../pipeline/create-session.ts";
export type { GradeEvent, GradeListener } from "../pipeline/events.ts";
export type { GradingSession, RunRequest } from "../pipeline/session.ts";
export { type Saved, watchSaves } from "../tree/watch-saves.ts";
