import { join } from "node:path";
import { toJsonSchema } from "@valibot/to-json-schema";
import { workshop } from "../paths.ts";
import { exerciseSchema } from "./exercise-schema.ts";

/** The JSON Schema of exercise.json, beside the exercises: editors validate and complete the files with it. */
export const schemaFile = join(workshop.exercises, "exercise.schema.json");

export function exerciseJsonSchema(): string {
  const schema = toJsonSchema(exerciseSchema, { errorMode: "ignore" });
  return `${JSON.stringify({ ...schema, title: "exercise.json: one exercise of the workshop" }, null, 2)}\n`;
}
