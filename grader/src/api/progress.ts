// @workshop/grader/progress: the learner's progress file, shared by `pnpm grade` and the browser app.
export { nextHint } from "../commands/hint.ts";
export { loadState, type ProgressState, progressFile, recordResult } from "../state.ts";
