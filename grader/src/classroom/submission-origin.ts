import * as fs from "node:fs";
import { join } from "node:path";
import git from "isomorphic-git";

/** The commit a submitted repository is at, and the time its committer's clock gave it. */
export interface RepositoryCommit {
  commit: string;
  committedAt: string;
  /** The repository's folder: the one that holds its .git. */
  dir: string;
}

/**
 * The commit of the repository a submission is (or holds, at the folder above its exercises/), read from its
 * .git folder with isomorphic-git, which never runs git: a submission's git configuration could make git run
 * commands of its choosing (`core.fsmonitor`), and the grader runs none of them. Only folders inside the
 * submission are looked at, so a submission kept inside another repository is not given that one's commit.
 */
export async function repositoryCommit(submissionDir: string, found: string[]): Promise<RepositoryCommit | undefined> {
  for (const dir of candidateRoots(submissionDir, found)) {
    const gitDir = join(dir, ".git");
    if (!fs.existsSync(gitDir) || !fs.statSync(gitDir).isDirectory()) continue;
    try {
      const commit = await git.resolveRef({ fs, dir, ref: "HEAD" });
      const { committer } = (await git.readCommit({ fs, dir, oid: commit })).commit;
      return { commit, committedAt: isoWithOffset(committer.timestamp, committer.timezoneOffset), dir };
    } catch {
      // A .git folder without a readable HEAD commit (an empty or damaged clone) says nothing of when.
    }
  }
  return undefined;
}

/** The submission's folder, then each folder down to the one that holds its exercises/ folder. */
function candidateRoots(submissionDir: string, found: string[]): string[] {
  const roots = [submissionDir];
  const repository = found.map((file) => /^(.*?)(?:^|\/)exercises\/\d\d-[^/]+\//.exec(file)?.[1]).find((r) => r);
  if (repository) {
    const parts = repository.split("/");
    for (let depth = 1; depth <= parts.length; depth++) roots.push(join(submissionDir, ...parts.slice(0, depth)));
  }
  return roots;
}

/** A commit's time as ISO 8601 in the committer's own zone (git's offset is in minutes west of UTC). */
export function isoWithOffset(seconds: number, minutesWest: number): string {
  const east = -minutesWest;
  const local = new Date((seconds + east * 60) * 1000).toISOString().slice(0, 19);
  const sign = east < 0 ? "-" : "+";
  const hours = String(Math.floor(Math.abs(east) / 60)).padStart(2, "0");
  const minutes = String(Math.abs(east) % 60).padStart(2, "0");
  return `${local}${sign}${hours}:${minutes}`;
}

/**
 * When Gradescope says the submission was made: `created_at` of its `submission_metadata.json` (beside the
 * submission folder, /autograder/submission_metadata.json). Undefined when there is none or it has no date.
 */
export function gradescopeSubmittedAt(metadataFile: string): string | undefined {
  try {
    const metadata = JSON.parse(fs.readFileSync(metadataFile, "utf8")) as { created_at?: unknown };
    const time = typeof metadata.created_at === "string" ? Date.parse(metadata.created_at) : Number.NaN;
    return Number.isNaN(time) ? undefined : new Date(time).toISOString();
  } catch {
    return undefined;
  }
}
