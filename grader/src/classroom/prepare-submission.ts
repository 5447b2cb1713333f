import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Exercise } from "../curriculum/load-curriculum.ts";
import type { Manifest } from "../manifest.ts";
import type { SubmissionInfo } from "../result.ts";
import { filesUnder } from "../tree/files-under.ts";
import type { Submission } from "./class-submissions.ts";
import { commitBeforeDeadline } from "./deadline-commit.ts";
import { changedShippedFiles, copySubmission, type SubmittedFile } from "./submission.ts";
import { SubmissionError } from "./submission-error.ts";
import { gradescopeSubmittedAt, repositoryCommit } from "./submission-origin.ts";
import { unpackZip } from "./unpack-zip.ts";
import { unrecognisedFiles } from "./unrecognised-files.ts";

/** A submission laid out like exercises/ in a folder of its own, ready for a graded session. */
export interface PreparedSubmission {
  info: SubmissionInfo;
  /** The folder laid out like exercises/: the learner's code files only. */
  tree: string;
  /** Where each learner file was found, or that it was not. */
  files: SubmittedFile[];
  /** The workshop's tests and given files the submission changed, by exercise id. */
  changes: Map<string, string[]>;
  dispose(): void;
}

export interface PrepareOptions {
  curriculum: Exercise[];
  manifest: Manifest;
  /** Gradescope's submission_metadata.json, whose date is the submission's. */
  gradescopeMetadata?: string;
  due?: string;
  /**
   * With a due date, a repository is graded at its last commit before it (later commits are late work, not
   * graded); `atHead` grades HEAD as it is checked out instead.
   */
  atHead?: boolean;
}

/**
 * Lays a submission out for grading: a zip is unpacked first; with a due date, a repository whose HEAD came later
 * is written out at its last commit before it; the learner's code is copied into a fresh folder
 * (copySubmission), and where it came from is read (its commit, when it is a repository; when it was handed in),
 * with what else it held and a hash of what is graded. Throws a SubmissionError when the submission holds none of
 * the workshop's learner files: that is a wrong folder or an empty upload, and grading it would only say "missing"
 * for every exercise.
 */
export async function prepareSubmission(submission: Submission, options: PrepareOptions): Promise<PreparedSubmission> {
  const scratch = realpathSync(mkdtempSync(join(tmpdir(), "workshop-submission-")));
  const dispose = () => rmSync(scratch, { recursive: true, force: true });
  try {
    let from = submission.zip ? join(scratch, "unpacked") : submission.path;
    if (submission.zip) await unpackZip(submission.path, from);
    const tree = join(scratch, "tree");
    let files = copySubmission(from, options.curriculum, tree);
    let found = files.flatMap((file) => (file.from ? [file.from] : []));
    if (found.length === 0) throw new SubmissionError(nothingFound(submission, from));
    const info: SubmissionInfo = { name: submission.name, layout: layoutOf(found), zip: submission.zip };
    let repository = await repositoryCommit(from, found);
    const deadline =
      repository && options.due && !options.atHead
        ? await commitBeforeDeadline(repository.dir, options.due, join(scratch, "at-deadline"))
        : undefined;
    if (repository && deadline) {
      // Graded as it was at the due date: the learner's files of that commit, found again in it.
      from = deadline.folder;
      rmSync(tree, { recursive: true, force: true });
      files = copySubmission(from, options.curriculum, tree);
      found = files.flatMap((file) => (file.from ? [file.from] : []));
      repository = { ...repository, commit: deadline.commit, committedAt: deadline.committedAt };
      Object.assign(info, { headCommit: deadline.head, laterCommits: deadline.laterCommits });
    }
    if (repository) info.commit = repository.commit;
    const handedIn = options.gradescopeMetadata && gradescopeSubmittedAt(options.gradescopeMetadata);
    if (handedIn) Object.assign(info, { submittedAt: handedIn, submittedAtSource: "gradescope" });
    else if (repository) Object.assign(info, { submittedAt: repository.committedAt, submittedAtSource: "commit" });
    if (options.due) info.due = options.due;
    info.contentHash = contentHash(tree);
    info.files = files.map(({ exercise, name, from: path }) => ({ exercise, name, ...(path ? { from: path } : {}) }));
    const unrecognised = unrecognisedFiles(from, options.curriculum, files, info.layout);
    if (unrecognised.length > 0) info.unrecognised = unrecognised;
    return {
      info,
      tree,
      files,
      changes: changedShippedFiles(from, options.curriculum, options.manifest),
      dispose,
    };
  } catch (error) {
    dispose();
    throw error;
  }
}

/**
 * A hash of what is graded: each file's path in the tree and its bytes, in path order. Two gradings of the same
 * hash graded the same code, whatever shape it was handed in (a zip unpacked again, loose files copied again).
 */
function contentHash(tree: string): string {
  const hash = createHash("sha256");
  for (const path of filesUnder(tree).sort()) {
    hash.update(`${path}\0`);
    hash.update(readFileSync(join(tree, path)));
    hash.update("\0");
  }
  return `sha256:${hash.digest("hex")}`;
}

/** How the learner's files were laid out: in a repository's exercises/, in exercise folders, or loose. */
function layoutOf(found: string[]): SubmissionInfo["layout"] {
  if (found.some((file) => /(^|\/)exercises\/\d\d-[^/]+\//.test(file))) return "repository";
  if (found.some((file) => /(^|\/)\d\d-[^/]+\//.test(file))) return "exercises";
  return "files";
}

function nothingFound(submission: Submission, folder: string): string {
  let entries: string[] = [];
  try {
    entries = readdirSync(folder).filter((name) => !name.startsWith("."));
  } catch {
    // An unreadable folder holds nothing to list.
  }
  const holds =
    entries.length === 0
      ? "it is empty"
      : `it holds ${entries.slice(0, 5).join(", ")}${entries.length > 5 ? `, and ${entries.length - 5} more` : ""}`;
  return (
    `${submission.name}${submission.zip ? ".zip" : ""}: none of the exercises' files is in it (${holds}). ` +
    "Was the right folder handed in? A repository, its exercises/ folder or the files themselves all work."
  );
}
