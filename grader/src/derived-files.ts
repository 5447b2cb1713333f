import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { fanoutWorkflow, fanoutWorkflowFile } from "./classroom/fanout-workflow.ts";
import { classroomWorkflow, classroomWorkflowFile } from "./classroom/workflow.ts";
import type { Exercise } from "./curriculum/load-curriculum.ts";
import { exerciseJsonSchema, schemaFile } from "./curriculum/schema-file.ts";
import { buildManifest } from "./manifest.ts";
import { displayPath, workshop } from "./paths.ts";

/** A file made from the exercises, which is committed and must stay current. */
interface DerivedFile {
  file: string;
  content: () => string;
}

/** Every file the workshop derives from its exercises: regenerated together, checked together. */
export function derivedFiles(curriculum: Exercise[]): DerivedFile[] {
  return [
    { file: workshop.manifest, content: () => `${JSON.stringify(buildManifest(curriculum), null, 2)}\n` },
    { file: schemaFile, content: exerciseJsonSchema },
    { file: classroomWorkflowFile, content: () => classroomWorkflow(curriculum) },
    { file: fanoutWorkflowFile, content: () => fanoutWorkflow(curriculum) },
  ];
}

/** The derived files that differ from what the exercises give now, by path. */
export function staleDerivedFiles(curriculum: Exercise[]): string[] {
  return derivedFiles(curriculum)
    .filter(({ file, content }) => !existsSync(file) || readFileSync(file, "utf8") !== content())
    .map(({ file }) => displayPath(file));
}

export function writeDerivedFiles(curriculum: Exercise[]): string[] {
  return derivedFiles(curriculum).map(({ file, content }) => {
    writeFileSync(file, content());
    return displayPath(file);
  });
}
