// `node --import tsx --import <this file> ...`: runs a tree's code with plain Node as the exercise tests see it
// (see tree-hooks.ts). The tree is `$WORKSHOP_TARGET`; without it, or when it is exercises/ itself, nothing changes.
import { register } from "node:module";
import { resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { givenFiles } from "./given-files.js";
import { GRADED_ENV } from "./import-rules.js";
import { TARGET_ENV } from "./target.ts";
import type { TreeHooksData } from "./tree-hooks.ts";

const exercisesDir = fileURLToPath(new URL("../../../exercises", import.meta.url));
const target = process.env[TARGET_ENV];
if (target && resolve(target) !== resolve(exercisesDir)) {
  const data: TreeHooksData = {
    targetUrl: pathToFileURL(`${resolve(target)}/`).href,
    exercisesUrl: pathToFileURL(`${exercisesDir}/`).href,
    given: [...givenFiles(exercisesDir)],
    graded: process.env[GRADED_ENV] === "1",
  };
  register(new URL("./tree-hooks.ts", import.meta.url), { data });
}
