import pc from "picocolors";
import type { Exercise } from "../curriculum/load-curriculum.ts";
import { fitToWidth } from "../report/terminal.ts";
import { formatStatus } from "../report/wording.ts";
import type { ExerciseStatus } from "../result.ts";
import { loadState } from "../state.ts";

/**
 * The progress table: every exercise with its last verdict, the next one to do marked with an arrow. The
 * verdicts are the state file's, unless a watch session of another folder gives its own.
 */
export function formatProgressList(
  curriculum: Exercise[],
  stateFile: string,
  width?: number,
  verdicts?: Record<string, ExerciseStatus>,
): string {
  const stored = loadState(stateFile, (m) => process.stderr.write(`${m}\n`));
  const state = { ...stored, lastStatus: verdicts ?? stored.lastStatus };
  const next = curriculum.find((e) => state.lastStatus[e.id] !== "passed");
  const titleRoom = width === undefined ? undefined : Math.max(20, width - 2 - 22 - 1 - 34);
  const rows = curriculum.map((exercise) => {
    const status = state.lastStatus[exercise.id];
    const shown = status ? formatStatus(status) : pc.dim("not graded yet");
    const marker = exercise === next ? pc.cyan("→") : " ";
    const hints = state.hintsShown[exercise.id] ? pc.dim(` ${state.hintsShown[exercise.id]} hint(s) seen`) : "";
    const title = fitToWidth(exercise.title, titleRoom).padEnd(titleRoom ?? 48);
    return `${marker} ${exercise.id.padEnd(22)} ${title} ${shown}${hints}`;
  });
  const done = curriculum.filter((e) => state.lastStatus[e.id] === "passed").length;
  const footer = next
    ? `${done}/${curriculum.length} done - next: ${pc.bold(next.id)} (pnpm grade ${next.number})`
    : `${done}/${curriculum.length} done - all passed!`;
  return `${rows.join("\n")}\n\n${footer}`;
}
