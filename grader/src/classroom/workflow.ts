import { readFileSync } from "node:fs";
import { stringify } from "yaml";
import { type Course, loadCourse } from "../course.ts";
import type { Exercise } from "../curriculum/load-curriculum.ts";
import { CurriculumError } from "../errors.ts";
import { workshop } from "../paths.ts";

/** The GitHub Classroom workflow, committed, so that every learner's repository made from the template has it. */
export const classroomWorkflowFile = `${workshop.root}/.github/workflows/classroom.yml`;

const HEADER = `# GitHub Classroom autograding: one step per exercise, each worth that exercise's points, graded with the
# tests and grader of the template this repository was made from (not with this repository's own copies), and a
# list of the files here that differ from the template's where they decide the grading.
# Generated from exercises/*/exercise.json and course.json: do not edit by hand. After changing an exercise, run
#   pnpm instructor generate
# and commit this file (pnpm test fails while it is out of date). See docs/instructors.md and docs/security.md.
`;

/** Where the template's checkout goes, beside the learner's code. */
export const GRADER_CHECKOUT = ".workshop-grader";

/**
 * A step id for an exercise. GitHub wants ids that start with a letter; the reporter finds each step's
 * result in the environment variable `<ID>_RESULTS`, with the id upper-cased.
 */
export function stepId(exercise: Exercise): string {
  return `ex${exercise.id}`;
}

/**
 * The command grader's limit, in minutes (it counts in whole minutes). The grader stops a hung exercise by
 * itself at its own limit; this only catches a grader that cannot. An exercise's limit covers its tests, and
 * a speedup check may take as long again; a minute more lets pnpm and the test process start on a slow runner.
 */
export function stepTimeoutMinutes(exercise: Exercise): number {
  return Math.ceil((2 * exercise.timeLimitSeconds + 60) / 60);
}

/**
 * The pnpm the workshop pins in package.json's `packageManager`. Installing exactly that one matters: pnpm
 * fetches the pinned version whenever another runs, and the grading steps must not need the network.
 */
export function pinnedPnpm(root = workshop.root): string {
  const { packageManager } = JSON.parse(readFileSync(`${root}/package.json`, "utf8")) as { packageManager?: string };
  const version = /^pnpm@(\d[^+]*)/.exec(packageManager ?? "")?.[1];
  if (!version) throw new CurriculumError(`${root}/package.json has no "packageManager": "pnpm@<version>"`);
  return version;
}

/**
 * Where a grading step leaves the exercise's feedback in Markdown (report/markdown.ts), for the summary step to
 * put on the run's page. A file, not `$GITHUB_STEP_SUMMARY` itself: the command grader runs each command with
 * an environment of its own (PATH and HOME only), so the grader cannot see the variable.
 */
export function feedbackFile(exercise: Exercise): string {
  return `${FEEDBACK_FOLDER}/${exercise.id}.md`;
}

const FEEDBACK_FOLDER = ".workshop/feedback";

/**
 * The step that puts every exercise's feedback on the run's page, in curriculum order, whatever the grading
 * steps did (`always()`): a missing file means its grading step did not finish, and the page says so. This is
 * what the learner reads; the points are the command grader's, reported by the step after it.
 */
function summaryStep(curriculum: Exercise[]) {
  const ids = curriculum.map((exercise) => exercise.id).join(" ");
  return {
    name: "Feedback on the run's page",
    if: "always()",
    run: [
      `for id in ${ids}; do`,
      `  file="${FEEDBACK_FOLDER}/$id.md"`,
      String.raw`  if [ -f "$file" ]; then cat "$file"; else printf '### %s\n\nNo feedback: its grading step did not finish (see its log).\n' "$id"; fi`,
      "  echo",
      `done >> "$GITHUB_STEP_SUMMARY"`,
      "",
    ].join("\n"),
  };
}

/** The workflow for `curriculum`, as the text to commit. */
export function classroomWorkflow(
  curriculum: Exercise[],
  pnpmVersion = pinnedPnpm(),
  classroom: Course["classroom"] = loadCourse().classroom,
): string {
  // The command grader reads max-score with parseInt: 2.5 points would silently become 2.
  const fractional = curriculum.find((e) => !Number.isInteger(e.points));
  if (fractional)
    throw new CurriculumError(`${fractional.id}: GitHub Classroom needs whole points, not ${fractional.points}`);
  const gradeSteps = curriculum.map((exercise) => ({
    name: `${exercise.id}: ${exercise.title}`,
    id: stepId(exercise),
    uses: "classroom-resources/autograding-command-grader@v1",
    with: {
      "test-name": exercise.id,
      command: `node ${GRADER_CHECKOUT}/grader/bin/grade.js ${exercise.id} --target exercises --reporter markdown --out ${feedbackFile(exercise)}`,
      timeout: stepTimeoutMinutes(exercise),
      "max-score": exercise.points,
    },
  }));
  const ids = curriculum.map(stepId);
  const workflow = {
    name: "Autograding Tests",
    on: ["push", "repository_dispatch", "workflow_dispatch"],
    permissions: { checks: "write", actions: "read", contents: "read" },
    jobs: {
      "run-autograding-tests": {
        "runs-on": "ubuntu-latest",
        // Not on the classroom bot's own commits, and not in the workshop's template repository itself, whose
        // starters fail by design.
        if: "github.actor != 'github-classroom[bot]' && !github.event.repository.is_template",
        steps: [
          { name: "Check out the learner's code", uses: "actions/checkout@v4", with: { "persist-credentials": false } },
          {
            name: "Find the template",
            id: "template",
            env: { GH_TOKEN: "${{ github.token }}", TEMPLATE: classroom.template ?? "" },
            run: [
              'repository="${TEMPLATE:-$(gh api "repos/$GITHUB_REPOSITORY" --jq \'.template_repository.full_name // empty\')}"',
              'if [ -z "$repository" ]; then echo "::error::this repository was not made from a template: set classroom.template in course.json"; exit 1; fi',
              'echo "repository=$repository" >> "$GITHUB_OUTPUT"',
            ].join("\n"),
          },
          {
            // The tests and the grader come from the template, which the learner cannot push to: editing them (or the
            // manifest of their hashes) here changes nothing of the grade.
            name: "Check out the template's tests and grader",
            uses: "actions/checkout@v4",
            with: {
              repository: "${{ steps.template.outputs.repository }}",
              ...(classroom.ref ? { ref: classroom.ref } : {}),
              path: GRADER_CHECKOUT,
              token: "${{ secrets.WORKSHOP_TEMPLATE_TOKEN || github.token }}",
              "persist-credentials": false,
            },
          },
          { name: "Set up Node.js", uses: "actions/setup-node@v4", with: { "node-version": 20 } },
          {
            // Installing is the only step that needs the network; grading needs none.
            name: "Install pnpm and the grader",
            run: `npm install -g pnpm@${pnpmVersion} && pnpm --dir ${GRADER_CHECKOUT} install --frozen-lockfile`,
          },
          {
            name: "Name the files that decide the grading and were changed here",
            run: `node ${GRADER_CHECKOUT}/grader/bin/instructor.js protected-changes . --template ${GRADER_CHECKOUT}`,
          },
          ...gradeSteps,
          summaryStep(curriculum),
          {
            name: "Autograding Reporter",
            uses: "classroom-resources/autograding-grading-reporter@v1",
            env: Object.fromEntries(
              ids.map((id) => [`${id.toUpperCase()}_RESULTS`, `\${{steps.${id}.outputs.result}}`]),
            ),
            with: { runners: ids.join(",") },
          },
        ],
      },
    },
  };
  return `${HEADER}${stringify(workflow, { lineWidth: 0 })}`;
}
