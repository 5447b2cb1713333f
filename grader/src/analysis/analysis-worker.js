/**
 * The static analysis process: reads the learner's files without running them (syntax errors, exports, type
 * errors). Loading the TypeScript compiler and checking types takes a few seconds, so it happens here, on
 * another core, while the test process starts and runs the tests.
 *
 * It is plain JavaScript, type-checked through JSDoc, and runs without tsx: tsx's loader would add about half a
 * second to the longest part of grading one exercise.
 *
 * Usage (by static-analysis.ts only): node analysis-worker.js <tsconfig.json> <workshop root>, requests over IPC.
 */
// @ts-check
/** @import { AnalysisReply, AnalysisRequest, FileAnalysis } from "./analysis-messages.ts" */
import { existsSync } from "node:fs";
import { readModuleShape } from "./module-shape.js";
import { TypeChecker } from "./typecheck.js";

const [tsconfigFile = "tsconfig.json", repoRoot = process.cwd()] = process.argv.slice(2);
const checker = new TypeChecker(tsconfigFile, repoRoot);

process.on("message", (/** @type {AnalysisRequest} */ { id, files, shapeOnly }) => {
  const present = files.filter((file) => existsSync(file));
  const typeWarnings = checker.warnings(present.filter((file) => !shapeOnly.includes(file)));
  /** @type {Record<string, FileAnalysis>} */
  const analyses = {};
  for (const file of present) {
    analyses[file] = { ...readModuleShape(file), typeWarnings: typeWarnings.get(file) ?? [] };
  }
  /** @type {AnalysisReply} */
  const reply = { id, analyses };
  process.send?.(reply);
});
// The grader closing the channel is the signal to stop.
process.on("disconnect", () => process.exit(0));
