import { sandboxCommand, sandboxProblem } from "@workshop/sandbox/bubblewrap";
import { judgeView } from "@workshop/sandbox/views";
import { UsageError } from "../errors.ts";

/**
 * How a graded run keeps the learner's code from the grade and the machine. `sandboxed`: every judge (the test
 * process, the speedup check) runs in a sandbox of its own, and starts the learner's code in sandboxes inside
 * it, where it sees only its own tree (packages/sandbox). `unprotected`: the grader's own `--no-sandbox`, for a
 * run whose code the person running it trusts; the learner's code then runs beside the tests, as in a practice
 * run, and every report says so.
 */
export type Protection = "sandboxed" | "unprotected";

/** Said of `--no-sandbox` wherever a command grades learners' code. */
export const NO_SANDBOX_HELP =
  "grade without a sandbox, where none can be made: only code you trust; every report marks the results unprotected";

/** Where a person reads how to grade in the container the workshop ships. */
const CONTAINER_GUIDE = "docs/container.md";

/**
 * The protection of a graded run on this machine: sandboxed, or a refusal that says what to do, unless the
 * person running it said `--no-sandbox`.
 */
export function gradedProtection(allowUnprotected: boolean): Protection {
  if (allowUnprotected) return "unprotected";
  const problem = sandboxProblem();
  if (!problem) return "sandboxed";
  throw new UsageError(
    `a graded run keeps the learner's code in a sandbox, and this machine cannot make one: ${problem}. ` +
      "Install bubblewrap (Debian or Ubuntu: `sudo apt-get install bubblewrap`; Ubuntu 24.04 also needs " +
      "`sudo sysctl -w kernel.apparmor_restrict_unprivileged_userns=0`), or grade in the workshop's container " +
      `(${CONTAINER_GUIDE}). To grade without a sandbox anyway, add --no-sandbox: the learner's code can then ` +
      "reach this machine and its own grade, and every report marks the results unprotected.",
  );
}

/**
 * The command that starts a judge, `node <nodeArgs>`, in a sandbox of its own that sees `tree`. `env` is all the
 * judge's environment beyond the basics: nothing of the grader's (its tokens, its paths) is passed on.
 */
export function judgeCommand(
  nodeArgs: string[],
  tree: string,
  env: Record<string, string>,
): { file: string; args: string[]; uid?: number } {
  const root = process.getuid?.() === 0;
  const cores = process.env.WORKSHOP_CORES;
  const view = judgeView({ tree, root, env: { ...env, ...(cores ? { WORKSHOP_CORES: cores } : {}) } });
  return sandboxCommand([process.execPath, ...nodeArgs], view, { root });
}

/** What a judge started with an IPC channel needs to find it inside its sandbox (Node's own variables). */
export const IPC_ENV = { NODE_CHANNEL_FD: "3", NODE_CHANNEL_SERIALIZATION_MODE: "json" };
