import * as fs from "node:fs";
import { dirname, join } from "node:path";
import git from "isomorphic-git";
import { SubmissionError } from "./submission-error.ts";
import { isoWithOffset } from "./submission-origin.ts";

/** The commit a due date picks in a repository whose HEAD came after it. */
export interface DeadlineCommit {
  /** The last commit made before the due date (by its committer date), now written out in `folder`. */
  commit: string;
  committedAt: string;
  /** The repository's HEAD, which was not graded, and how many commits were made after the due date. */
  head: string;
  laterCommits: number;
  folder: string;
}

/** What a repository's files may come to: as for a zip (unpack-zip.ts), a bound for a bad repository, not a learner. */
const LIMITS = { files: 20_000, bytes: 200 * 1024 * 1024 };
const SKIPPED = new Set(["node_modules", ".git"]);
const TREE_MODE = "040000";
const FILE_MODES = new Set(["100644", "100755"]);

/**
 * When a repository's HEAD was committed after `due`: its last commit before the due date, written out as files
 * into `into`, read with isomorphic-git (which never runs git: a submission's configuration cannot make it run
 * anything). Undefined when HEAD is on time (the checkout is graded as it is) or when no commit came before the
 * due date (HEAD is graded, and is late). The commit's date is its committer's clock, which a learner can set:
 * docs/instructors.md says what that means for a deadline.
 */
export async function commitBeforeDeadline(
  dir: string,
  due: string,
  into: string,
  limits = LIMITS,
): Promise<DeadlineCommit | undefined> {
  const deadline = Date.parse(due) / 1000;
  let commits: Awaited<ReturnType<typeof git.log>>;
  try {
    commits = await git.log({ fs, dir, ref: "HEAD" });
  } catch {
    return undefined;
  }
  const [head] = commits;
  if (!head || head.commit.committer.timestamp <= deadline) return undefined;
  const before = commits.find((entry) => entry.commit.committer.timestamp <= deadline);
  if (!before) return undefined;
  const laterCommits = commits.filter((entry) => entry.commit.committer.timestamp > deadline).length;
  let files = 0;
  let bytes = 0;
  const write = async (tree: string, folder: string): Promise<void> => {
    const { tree: entries } = await git.readTree({ fs, dir, oid: tree });
    for (const entry of entries) {
      if (SKIPPED.has(entry.path) || entry.path.includes("/") || entry.path === "..") continue;
      const target = join(folder, entry.path);
      if (entry.mode === TREE_MODE) {
        await write(entry.oid, target);
        continue;
      }
      // Links and submodules are left out, as a zip's links are: nothing written points outside the submission.
      if (!FILE_MODES.has(entry.mode)) continue;
      const { blob } = await git.readBlob({ fs, dir, oid: entry.oid });
      files += 1;
      bytes += blob.byteLength;
      if (files > limits.files || bytes > limits.bytes) {
        throw new SubmissionError(`${dir}: its commit ${before.oid.slice(0, 7)} holds more than the grader unpacks`);
      }
      fs.mkdirSync(dirname(target), { recursive: true });
      fs.writeFileSync(target, blob);
    }
  };
  await write(before.commit.tree, into);
  const { committer } = before.commit;
  return {
    commit: before.oid,
    committedAt: isoWithOffset(committer.timestamp, committer.timezoneOffset),
    head: head.oid,
    laterCommits,
    folder: into,
  };
}
