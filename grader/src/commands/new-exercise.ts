import type { Exercise } from "../curriculum/load-curriculum.ts";
import { scaffoldExercise } from "../curriculum/new-exercise.ts";

/** `pnpm instructor new <id> --title <title>`: the next exercise's files, and what to do with them. */
export function newExerciseCommand(curriculum: Exercise[], id: string, title: string): void {
  for (const file of scaffoldExercise(curriculum, id, title)) process.stdout.write(`wrote ${file}\n`);
  process.stdout.write(
    'fill each in (docs/instructors.md, "Adding an exercise"), then `pnpm instructor generate` and `pnpm test`\n',
  );
}
