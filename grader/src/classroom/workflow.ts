import { readFileSync } from "node:fs";
import { stringify } from "yaml";
import type { Exercise } from "../curriculum/load-curriculum.ts";
import { CurriculumError } from "../errors.ts";
import { workshop } from "../paths.ts";

/** The GitHub Classroom workflow, committed, so that every learner's repository made from the template has it. */
export const classroomWorkflowFile = `${workshop.root}/.github/workflows/classroom.yml`;

const HEADER = `# GitHub Classroom autograding: one step per exercise, each worth that exercise's points.
# Generated from exercises/*/exercise.json: do not edit by hand. After changing an exercise, run
#   pnpm --filter @workshop/grader classroom-workflow
# and commit this file (pnpm test fails while it is out of date). See docs/instructors.md.
`;

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
export function classroomWorkflow(curriculum: Exercise[], pnpmVersion = pinnedPnpm()): string {
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
      command: `pnpm grade ${exercise.id} --ci --reporter markdown --out ${feedbackFile(exercise)}`,
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
          { name: "Check out the code", uses: "actions/checkout@v4" },
          { name: "Set up Node.js", uses: "actions/setup-node@v4", with: { "node-version": 20 } },
          {
            // Installing is the only step that needs the network; grading needs none.
            name: "Install pnpm and the workshop",
            run: `npm install -g pnpm@${pnpmVersion} && pnpm install --frozen-lockfile`,
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
