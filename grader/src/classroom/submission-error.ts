/**
 * A submission that cannot be graded as it is: an empty or unreadable zip, a folder with none of the workshop's
 * files. The message names the submission and says what it holds instead; a class batch lists it and goes on.
 */
export class SubmissionError extends Error {
  override name = "SubmissionError";
}
