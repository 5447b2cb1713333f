// @workshop/grader/machine: the cores the grader counts, which the bench reports beside its own figures.
export { machineCoreCount } from "../machine.ts";
