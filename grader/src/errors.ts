/**
 * A mistake in how the grader was called (an unknown exercise, a bad option). Its message is meant for the
 * person at the terminal and says what to do instead; the CLI prints it and exits with code 2.
 */
export class UsageError extends Error {
  override name = "UsageError";
}

/**
 * Something wrong with the curriculum itself: a missing or malformed exercise.json, README or hints file.
 * The message names the file and how to fix it.
 */
export class CurriculumError extends Error {
  override name = "CurriculumError";
}
