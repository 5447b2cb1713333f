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
# Three jobs, so that no secret is where the learner's code runs: the first fetches the template (with a token, and
# runs nothing); the second grades, in the sandbox, with no secret and a read-only token; the third, which may
# write the grade, runs nothing of the learner's. docs/classroom-jobs.md says what each job can see.
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

/**
 * The steps that make a runner ready to grade in the sandbox, then close what its user could reach beyond it.
 * GitHub's runner user has sudo without a password and is in the docker group: either is root. The sandbox
 * already keeps the learner's code from both; taking them away before any of it runs means an escape from the
 * sandbox still finds no root. Shared by both workflows.
 */
export function sandboxSteps() {
  return [
    {
      // Ubuntu 24.04 lets only the programs AppArmor names create user namespaces, which bubblewrap needs to run
      // unprivileged; the setting does not exist on 22.04, which allows them.
      name: "Install the sandbox (bubblewrap)",
      run: [
        "sudo apt-get update -q",
        "sudo apt-get install -y -q --no-install-recommends bubblewrap",
        "if [ -e /proc/sys/kernel/apparmor_restrict_unprivileged_userns ]; then",
        "  sudo sysctl -w kernel.apparmor_restrict_unprivileged_userns=0",
        "fi",
      ].join("\n"),
    },
    {
      // The last rule sudo matches wins, and files in sudoers.d are read in name order: this one comes last.
      name: "Close the runner's ways to root before any learner code runs",
      run: [
        "sudo systemctl stop docker.socket docker.service containerd.service 2>/dev/null || true",
        `sudo sh -c 'umask 0337; echo "$1 ALL=(ALL) !ALL" > /etc/sudoers.d/zz-no-sudo-while-grading' sh "$USER"`,
        'if sudo -n true 2>/dev/null; then echo "::error::the runner user can still use sudo"; exit 1; fi',
      ].join("\n"),
    },
  ];
}

/** An artifact that carries files from one job to the next, kept a day: long enough for the run, no longer. */
export function uploadStep(name: string, artifact: string, path: string, when?: string) {
  return {
    name,
    ...(when ? { if: when } : {}),
    uses: "actions/upload-artifact@v4",
    with: { name: artifact, path, "if-no-files-found": "error", "retention-days": 1 },
  };
}

/** The variable a grading step's result is kept in: `EX01_INTEGERS_RESULT` (a shell's names have no hyphen). */
const resultVariable = (id: string) => `${id.toUpperCase().replaceAll("-", "_")}_RESULT`;

/** The template's files, from the job that fetches them to the job that grades. */
const GRADER_ARTIFACT = "workshop-grader";
/** Each exercise's result, from the grading job to the one that reports it. */
const RESULTS_ARTIFACT = "workshop-results";
const RESULTS_FOLDER = ".workshop/results";

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
  // Not on the classroom bot's own commits, and not in the workshop's template repository itself, whose
  // starters fail by design.
  const when = "github.actor != 'github-classroom[bot]' && !github.event.repository.is_template";
  const workflow = {
    name: "Autograding Tests",
    on: ["push", "repository_dispatch", "workflow_dispatch"],
    // Each job says what it may do; a job that says nothing gets nothing.
    permissions: {},
    jobs: {
      "fetch-grader": {
        name: "Fetch the template's tests and grader",
        "runs-on": "ubuntu-latest",
        if: when,
        // The token finds the template; the secret reads a private one. This job runs no code: it never even
        // checks out the learner's repository.
        permissions: { contents: "read" },
        steps: [
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
          // One file: an artifact of a folder would leave out its hidden files and change its links.
          { name: "Pack them", run: `tar -cf grader.tar -C ${GRADER_CHECKOUT} .` },
          uploadStep("Hand them to the grading job", GRADER_ARTIFACT, "grader.tar"),
        ],
      },
      grade: {
        name: "Grade",
        needs: "fetch-grader",
        "runs-on": "ubuntu-latest",
        // The learner's code runs here: no secret, and a token that can only read this repository, which is the
        // learner's own. The grade leaves as an artifact, for the next job to report.
        permissions: { contents: "read" },
        steps: [
          { name: "Check out the learner's code", uses: "actions/checkout@v4", with: { "persist-credentials": false } },
          {
            name: "Receive the template's tests and grader",
            uses: "actions/download-artifact@v4",
            with: { name: GRADER_ARTIFACT, path: "${{ runner.temp }}/grader" },
          },
          {
            // Whatever the learner committed at that path goes first: only the template's files are unpacked there.
            name: "Unpack them beside the learner's code",
            run: `rm -rf ${GRADER_CHECKOUT} && mkdir ${GRADER_CHECKOUT} && tar -xf "$RUNNER_TEMP/grader/grader.tar" -C ${GRADER_CHECKOUT}`,
          },
          { name: "Set up Node.js", uses: "actions/setup-node@v4", with: { "node-version": 20 } },
          {
            // Installing is the only step that needs the network; grading needs none. Outside the learner's folder:
            // npm would read an .npmrc the learner committed there, which can make it run a program of theirs.
            name: "Install pnpm and the grader",
            "working-directory": "${{ runner.temp }}",
            run: `npm install -g pnpm@${pnpmVersion} && pnpm --dir "$GITHUB_WORKSPACE/${GRADER_CHECKOUT}" install --frozen-lockfile`,
          },
          ...sandboxSteps(),
          {
            name: "Name the files that decide the grading and were changed here",
            run: `node ${GRADER_CHECKOUT}/grader/bin/instructor.js protected-changes . --template ${GRADER_CHECKOUT}`,
          },
          ...gradeSteps,
          summaryStep(curriculum),
          {
            // Each grading step's result, one file per step, named by its id: the reporter's input, as data.
            name: "Keep each exercise's result",
            if: "always()",
            env: Object.fromEntries(ids.map((id) => [resultVariable(id), `\${{ steps.${id}.outputs.result }}`])),
            run: [
              `mkdir -p ${RESULTS_FOLDER}`,
              ...ids.map((id) => `printf '%s' "$${resultVariable(id)}" > ${RESULTS_FOLDER}/${id}`),
            ].join("\n"),
          },
          uploadStep("Hand them to the reporting job", RESULTS_ARTIFACT, RESULTS_FOLDER, "always()"),
        ],
      },
      report: {
        name: "Report the points to GitHub Classroom",
        needs: "grade",
        if: `always() && ${when}`,
        "runs-on": "ubuntu-latest",
        // What the reporter needs to send the points; it runs no code of the learner's, and reads only the
        // grading job's results, which must each be one line of base64 (anything else is dropped).
        permissions: { checks: "write", actions: "read", contents: "read" },
        steps: [
          {
            name: "Receive the results",
            uses: "actions/download-artifact@v4",
            with: { name: RESULTS_ARTIFACT, path: RESULTS_FOLDER },
          },
          {
            name: "Read them",
            id: "results",
            run: [
              `for id in ${ids.join(" ")}; do`,
              `  result=$(cat "${RESULTS_FOLDER}/$id" 2>/dev/null || true)`,
              "  if printf '%s' \"$result\" | grep -Eqx '[A-Za-z0-9+/=]+'; then",
              '    echo "$id=$result" >> "$GITHUB_OUTPUT"',
              "  else",
              '    echo "::warning::$id has no result: its grading step did not finish"',
              "  fi",
              "done",
            ].join("\n"),
          },
          {
            name: "Autograding Reporter",
            uses: "classroom-resources/autograding-grading-reporter@v1",
            env: Object.fromEntries(
              ids.map((id) => [`${id.toUpperCase()}_RESULTS`, `\${{steps.results.outputs.${id}}}`]),
            ),
            with: { runners: ids.join(",") },
          },
        ],
      },
    },
  };
  return `${HEADER}${stringify(workflow, { lineWidth: 0 })}`;
}
