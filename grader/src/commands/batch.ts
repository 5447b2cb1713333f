import { resolve } from "node:path";
import pc from "picocolors";
import { gradeClass } from "../classroom/batch.ts";
import { classGrading } from "../classroom/submission-session.ts";
import type { Exercise } from "../curriculum/load-curriculum.ts";

export interface BatchCommandOptions {
  out: string;
  regrades: number;
  due?: string;
  timeout?: number;
  inconclusiveOnly?: boolean;
  /** False with `--no-sandbox`. */
  sandbox?: boolean;
  atHead?: boolean;
}

/**
 * `pnpm instructor batch <submissions> --out <results>`: grades the class, one line per learner on stdout, and
 * exits with 1 while a submission could not be graded or a speedup is still inconclusive (both are named), so
 * that a script or a workflow notices; 0 when every learner has a settled result.
 */
export async function batchCommand(
  curriculum: Exercise[],
  exercises: Exercise[],
  submissions: string,
  options: BatchCommandOptions,
): Promise<number> {
  const record = await gradeClass({
    submissionsDir: resolve(submissions),
    outDir: resolve(options.out),
    exercises,
    grading: classGrading(curriculum, { timeLimitSeconds: options.timeout, sandbox: options.sandbox }),
    regrades: options.regrades,
    ...(options.due ? { due: options.due } : {}),
    ...(options.atHead ? { atHead: true } : {}),
    inconclusiveOnly: options.inconclusiveOnly ?? false,
    log: (line) => {
      const stream = /^(not graded|still inconclusive)/.test(line) ? process.stderr : process.stdout;
      stream.write(`${line.startsWith("not graded") ? pc.yellow(line) : line}\n`);
    },
  });
  const unsettled = record.graded.filter((entry) => entry.inconclusive.length > 0).length;
  process.stdout.write(
    `graded ${record.graded.length} submissions into ${options.out}` +
      (record.notGraded.length > 0 ? `; ${record.notGraded.length} could not be graded` : "") +
      (unsettled > 0 ? `; ${unsettled} still inconclusive (run the batch again later with --inconclusive-only)` : "") +
      "\n",
  );
  return record.notGraded.length > 0 || unsettled > 0 ? 1 : 0;
}
