/**
 * What only the instructor's edition holds, by path from the workshop's root: the answers, and everything made
 * from them. The learner edition leaves each of these out; every other committed file goes into it.
 */
export const INSTRUCTOR_ONLY: { path: RegExp; why: string }[] = [
  { path: /^solutions\//, why: "the reference solutions" },
  { path: /^exercises\/\d{2}-[a-z0-9-]+\/hidden\//, why: "the hidden tests" },
  {
    // class-results/ holds graded reports, not code: the summary's and reports' unit tests read them in both editions.
    // Its _code/ is code (the graded code of those results, for the similarity section): instructor's only.
    path: /^grader\/test\/fixtures\/(?!class-results\/(?!_code\/))/,
    why: "fixtures are near-copies of the solutions, each with one mistake",
  },
  {
    path: /^(grader|packages\/[^/]+)\/test\/instructor\//,
    why: "the tests that grade the solutions or the fixtures (the grader's, the app's in the browser)",
  },
  { path: /^grader\/bench\//, why: "the reliability bench grades the solutions and the cheat fixtures" },
  { path: /^grader\/gradescope\//, why: "the instructor's Gradescope autograder" },
  { path: /^packages\/bench\//, why: "pnpm bench times the solutions" },
  { path: /^grader\/scripts\/test-core-counts\.mjs$/, why: "it runs the speedup check on the reference split" },
  { path: /^knip\.jsonc$/, why: "the maintainers' dead-code check, which needs the whole workshop" },
];

export function instructorOnly(path: string): boolean {
  return INSTRUCTOR_ONLY.some(({ path: pattern }) => pattern.test(path));
}
