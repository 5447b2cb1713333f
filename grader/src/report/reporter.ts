import type { GradeEvent } from "../pipeline/events.ts";

/**
 * What every front end of a grading run is: a listener to its events. A reporter that writes a document (JSON,
 * Gradescope's results.json, JUnit XML) makes it from the finished report.
 */
export interface Reporter {
  onEvent(event: GradeEvent): void;
  /** The document of the finished run, for reporters that write one; undefined before the run finished. */
  document?(): string | undefined;
}
