// @workshop/grader/curriculum: the exercises, and where the workshop's folders are.
export { type Exercise, loadCurriculum } from "../curriculum/load-curriculum.ts";
export { displayPath, workshop } from "../paths.ts";
