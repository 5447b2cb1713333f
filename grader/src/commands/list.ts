import pc from "picocolors";
import type { Exercise } from "../curriculum.ts";
import { formatStatus } from "../report/format.ts";
import { loadState } from "../state.ts";

/** The progress table: every exercise with its last verdict, the next one to do marked with an arrow. */
export function formatProgressList(curriculum: Exercise[], stateFile: string): string {
  const state = loadState(stateFile, (m) => process.stderr.write(`${m}\n`));
  const next = curriculum.find((e) => state.lastStatus[e.id] !== "passed");
  const rows = curriculum.map((exercise) => {
    const status = state.lastStatus[exercise.id];
    const shown = status ? formatStatus(status) : pc.dim("not graded yet");
    const marker = exercise === next ? pc.cyan("→") : " ";
    const hints = state.hintsShown[exercise.id] ? pc.dim(` ${state.hintsShown[exercise.id]} hint(s) seen`) : "";
    return `${marker} ${exercise.id.padEnd(24)} ${exercise.title.padEnd(52)} ${shown}${hints}`;
  });
  const done = curriculum.filter((e) => state.lastStatus[e.id] === "passed").length;
  const footer = next
    ? `${done}/${curriculum.length} done - next: ${pc.bold(next.id)} (pnpm grade ${next.number})`
    : `${done}/${curriculum.length} done - all passed!`;
  return `${rows.join("\n")}\n\n${footer}`;
}
