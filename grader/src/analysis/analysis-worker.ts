/**
 * The static analysis process: reads the learner's files without running them (syntax errors, exports, type
 * errors). Loading the TypeScript compiler and checking types takes a few seconds, so it happens here, on
 * another core, while the test process starts and runs the tests.
 *
 * Usage (by static-analysis.ts only): node --import tsx analysis-worker.ts <tsconfig.json>, requests over IPC.
 */
import { existsSync } from "node:fs";
import type { AnalysisReply, AnalysisRequest, FileAnalysis } from "./analysis-messages.ts";
import { readModuleShape } from "./module-shape.ts";
import { TypeChecker } from "./typecheck.ts";

const checker = new TypeChecker(process.argv[2] ?? "tsconfig.json");

process.on("message", ({ id, files, shapeOnly }: AnalysisRequest) => {
  const present = files.filter((file) => existsSync(file));
  const typeWarnings = checker.warnings(present.filter((file) => !shapeOnly.includes(file)));
  const analyses: Record<string, FileAnalysis> = {};
  for (const file of present) {
    analyses[file] = { ...readModuleShape(file), typeWarnings: typeWarnings.get(file) ?? [] };
  }
  const reply: AnalysisReply = { id, analyses };
  process.send?.(reply);
});
// The grader closing the channel is the signal to stop.
process.on("disconnect", () => process.exit(0));
