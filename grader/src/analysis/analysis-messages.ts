import type { SourceLocation } from "../result.ts";

/** What a file's syntax alone says (module-shape.js). */
export interface ModuleShape {
  /** The names the file exports at run time (type-only exports are left out: they do not exist then). */
  names: string[];
  /** The first syntax error, if the file does not parse. */
  syntaxError?: { message: string; location: SourceLocation };
}

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
