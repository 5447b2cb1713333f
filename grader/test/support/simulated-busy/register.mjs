// `node --import <this file> grader/bin/*.js`: the grader with a busy machine on demand, for its own tests
// (test/run-grader.ts adds it when a test sets WORKSHOP_SIMULATE_BUSY). Nothing of it is in the grader itself: its
// hooks hand the grader this folder's session factory in place of its own. Plain JavaScript, because the grader
// may run compiled, without tsx.
import { register } from "node:module";

register("./hooks.mjs", import.meta.url);
