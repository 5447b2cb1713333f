import { stringify } from "yaml";
import type { Exercise } from "../curriculum/load-curriculum.ts";
import { workshop } from "../paths.ts";
import { pinnedPnpm, sandboxSteps, uploadStep } from "./workflow.ts";

/** The instructor's workflow that grades a whole class on GitHub Actions, one runner per learner. */
export const fanoutWorkflowFile = `${workshop.root}/.github/workflows/grade-class.yml`;

/** A GitHub Actions expression, `${{ ... }}`, spelt so that it is not read as a JavaScript template's. */
const gh = (expression: string) => `$${"{{"} ${expression} }}`;

/** The regrades each job allows, unless the run is given another number. */
export const DEFAULT_REGRADES = 2;
/** Installing node, pnpm and the workshop on a fresh runner, and cloning: a few minutes at most. */
const SETUP_MINUTES = 10;

const HEADER = `# Grades a whole GitHub Classroom assignment from the instructor's repository: one job per learner, each on a
# runner of its own (speedups are timed, and need a machine to themselves), then one job for the class summary.
# Run it from the Actions tab ("Run workflow") with the assignment's id; it needs the secret CLASSROOM_TOKEN, a
# token of a classroom administrator that can read the learners' repositories. See docs/instructors.md.
# The token is only where nothing of a learner's runs: one job lists the repositories, one per learner clones and
# packs theirs; the grading jobs, where the learner's code runs in the sandbox, get the code as an artifact and
# hold no secret. docs/classroom-jobs.md says what each job can see.
# Generated from exercises/*/exercise.json: do not edit by hand. After changing an exercise, run
#   pnpm instructor generate
# and commit this file (pnpm test fails while it is out of date).
`;

/**
 * A grading job's limit, in minutes: every exercise at twice its limit (the tests, then a speedup check as long
 * again), each speedup exercise once more per regrade, and the setup. The grader stops a hung exercise by itself;
 * this only catches a runner that cannot.
 */
export function gradeJobMinutes(curriculum: Exercise[], regrades = DEFAULT_REGRADES): number {
  const seconds = curriculum.reduce(
    (sum, e) => sum + 2 * e.timeLimitSeconds * (1 + (e.contract.speedup ? regrades : 0)),
    0,
  );
  return Math.ceil(seconds / 60) + SETUP_MINUTES;
}

/** The workflow for `curriculum`, as the text to commit. */
export function fanoutWorkflow(curriculum: Exercise[], pnpmVersion = pinnedPnpm()): string {
  // A function, so that each job gets objects of its own (YAML anchors are not for every reader of workflows).
  const setup = () => [
    { name: "Check out the workshop", uses: "actions/checkout@v4", with: { "persist-credentials": false } },
    { name: "Set up Node.js", uses: "actions/setup-node@v4", with: { "node-version": 20 } },
    {
      // Installing is the only step that needs the network; grading needs none.
      name: "Install pnpm and the workshop",
      run: `npm install -g pnpm@${pnpmVersion} && pnpm install --frozen-lockfile`,
    },
  ];
  // The shell's `${DUE:+...}`: the option only when a due date was given.
  const due = `$${"{"}DUE:+--due "$DUE"}`;
  const learners = { "fail-fast": false, matrix: { include: gh("fromJSON(needs.list.outputs.repositories)") } };
  const submission = `submission-${gh("matrix.learner")}`;
  const workflow = {
    name: "Grade a class",
    on: {
      workflow_dispatch: {
        inputs: {
          assignment: { description: "The GitHub Classroom assignment's id", required: true, type: "string" },
          due: {
            description: "Due date with its zone, e.g. 2025-05-01T23:59:00+02:00 (empty: none)",
            required: false,
            type: "string",
            default: "",
          },
          regrades: {
            description: "How many more times an inconclusive speedup is graded",
            required: false,
            type: "string",
            default: String(DEFAULT_REGRADES),
          },
        },
      },
    },
    // Each job says what it may do; a job that says nothing gets nothing.
    permissions: {},
    jobs: {
      list: {
        name: "List the assignment's repositories",
        "runs-on": "ubuntu-latest",
        // The workshop's own command, with the token: nothing of a learner's is on this runner.
        permissions: { contents: "read" },
        outputs: { repositories: gh("steps.list.outputs.repositories") },
        steps: [
          ...setup(),
          {
            name: "List them",
            id: "list",
            env: { GITHUB_TOKEN: gh("secrets.CLASSROOM_TOKEN"), ASSIGNMENT: gh("inputs.assignment") },
            run: 'echo "repositories=$(pnpm -s instructor classroom-repos "$ASSIGNMENT" --json)" >> "$GITHUB_OUTPUT"',
          },
        ],
      },
      fetch: {
        name: `Fetch ${gh("matrix.learner")}'s repository`,
        needs: "list",
        "runs-on": "ubuntu-latest",
        // The token clones; nothing runs here but git and tar: no checkout of the workshop, no Node, no install.
        // GitHub's own token is not needed at all.
        permissions: {},
        strategy: learners,
        steps: [
          {
            // The token goes in for this one command, never into the clone's configuration; large files and
            // submodules are not fetched (a learner's repository could name any server for them).
            name: "Clone the learner's repository",
            env: {
              TOKEN: gh("secrets.CLASSROOM_TOKEN"),
              REPOSITORY: gh("matrix.repository"),
              LEARNER: gh("matrix.learner"),
              GIT_LFS_SKIP_SMUDGE: "1",
            },
            run: [
              'auth=$(printf "x-access-token:%s" "$TOKEN" | base64 -w0)',
              'git -c "http.extraHeader=Authorization: Basic $auth" clone --depth 1 --no-recurse-submodules "https://github.com/$REPOSITORY.git" "submissions/$LEARNER"',
            ].join("\n"),
          },
          {
            // One file: an artifact of a folder would leave out its hidden files (.git, which dates the submission)
            // and change its links.
            name: "Pack it",
            env: { LEARNER: gh("matrix.learner") },
            run: 'tar -cf submission.tar -C submissions "$LEARNER"',
          },
          uploadStep("Hand it to the grading job", submission, "submission.tar"),
        ],
      },
      grade: {
        name: `Grade ${gh("matrix.learner")}`,
        needs: ["list", "fetch"],
        // Every learner whose repository was fetched: one clone that failed does not stop the others' grading.
        if: "!cancelled() && needs.list.result == 'success'",
        "runs-on": "ubuntu-latest",
        "timeout-minutes": gradeJobMinutes(curriculum),
        // The learner's code runs here, in the sandbox: no secret, and a token that can only read the workshop,
        // used by the checkout and kept nowhere.
        permissions: { contents: "read" },
        strategy: learners,
        steps: [
          ...setup(),
          {
            // The learner edition's files and the hidden tests are all the grading needs: the answers (solutions,
            // the fixtures made from them, and the history that holds both) leave the runner before any
            // learner's code is on it.
            name: "Leave the answers out",
            run: "rm -rf solutions grader/test/fixtures .git",
          },
          ...sandboxSteps(),
          {
            name: "Receive the learner's repository",
            uses: "actions/download-artifact@v4",
            with: { name: submission, path: gh("runner.temp") },
          },
          {
            name: "Unpack it",
            run: 'mkdir -p submissions && tar -xf "$RUNNER_TEMP/submission.tar" -C submissions',
          },
          {
            name: "Grade",
            env: { DUE: gh("inputs.due"), REGRADES: gh("inputs.regrades") },
            run: `node grader/bin/instructor.js batch submissions --out results --regrades "$REGRADES" ${due}`,
          },
          {
            // Every job writes a _batch.json; named apart, they survive the summary job's merge of the artifacts.
            name: "Name the batch's record after the learner",
            if: "always()",
            env: { LEARNER: gh("matrix.learner") },
            run: 'if [ -f results/_batch.json ]; then mv results/_batch.json "results/_batch-$LEARNER.json"; fi',
          },
          {
            name: "Upload the result",
            if: "always()",
            uses: "actions/upload-artifact@v4",
            with: { name: `result-${gh("matrix.learner")}`, path: "results/", "if-no-files-found": "error" },
          },
        ],
      },
      summary: {
        name: "Class summary",
        needs: "grade",
        if: "always()",
        "runs-on": "ubuntu-latest",
        // The workshop's own command on the results: no learner's code, and no secret either.
        permissions: { contents: "read" },
        steps: [
          ...setup(),
          {
            name: "Download every result",
            uses: "actions/download-artifact@v4",
            with: { pattern: "result-*", path: "results", "merge-multiple": true },
          },
          {
            name: "Summarize",
            env: { DUE: gh("inputs.due") },
            run: `pnpm instructor summary results --csv class.csv --html class.html ${due}`,
          },
          {
            name: "Upload the summary",
            if: "always()",
            uses: "actions/upload-artifact@v4",
            with: { name: "class-summary", path: "class.csv\nclass.html\nresults/" },
          },
        ],
      },
    },
  };
  return `${HEADER}${stringify(workflow, { lineWidth: 0 })}`;
}
