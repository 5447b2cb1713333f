import type { ModuleShape } from "./module-shape.ts";

/** What static analysis knows of one file. */
export interface FileAnalysis extends ModuleShape {
  typeWarnings: string[];
}

export interface AnalysisRequest {
  id: number;
  files: string[];
  /** Files to read for their exports only (the starters the learner's files are compared with). */
  shapeOnly: string[];
}

export interface AnalysisReply {
  id: number;
  analyses: Record<string, FileAnalysis>;
}
