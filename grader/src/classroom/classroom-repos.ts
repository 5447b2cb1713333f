import { UsageError } from "../errors.ts";

/** One learner's repository of a GitHub Classroom assignment, as the fan-out workflow's matrix takes it. */
export interface ClassroomRepository {
  /** The learner's GitHub login (logins joined with `+` for a group assignment): the result's name. */
  learner: string;
  /** `owner/name`, to clone. */
  repository: string;
}

interface AcceptedAssignment {
  students?: { login?: string }[];
  repository?: { full_name?: string };
}

const PER_PAGE = 100;

/**
 * The repositories of a GitHub Classroom assignment, from GitHub's REST API ("List accepted assignments for an
 * assignment", GET /assignments/{id}/accepted_assignments, page by page). GitHub answers only a token of an
 * administrator of the classroom; the token then also needs read access to the learners' repositories to clone
 * them (see docs/instructors.md). `api` is GitHub's API unless a test serves its own.
 */
export async function classroomRepositories(
  assignment: string,
  token: string | undefined,
  api = "https://api.github.com",
): Promise<ClassroomRepository[]> {
  if (!/^\d+$/.test(assignment)) {
    throw new UsageError(`${assignment} is not an assignment id: give the number GitHub Classroom shows for it`);
  }
  if (!token) {
    throw new UsageError("set GITHUB_TOKEN to a token of a classroom administrator (a fine-grained or classic one)");
  }
  const repositories: ClassroomRepository[] = [];
  for (let page = 1; ; page++) {
    const url = `${api}/assignments/${assignment}/accepted_assignments?per_page=${PER_PAGE}&page=${page}`;
    const response = await fetch(url, {
      headers: {
        Accept: "application/vnd.github+json",
        Authorization: `Bearer ${token}`,
        "X-GitHub-Api-Version": "2022-11-28",
      },
    });
    if (!response.ok) {
      const hint =
        response.status === 404
          ? ": no such assignment, or the token's owner is not an administrator of its classroom"
          : response.status === 401
            ? ": the token is not valid"
            : "";
      throw new UsageError(`GitHub answered ${response.status} ${response.statusText} for ${url}${hint}`);
    }
    const accepted = (await response.json()) as AcceptedAssignment[];
    for (const entry of accepted) {
      const repository = entry.repository?.full_name;
      const logins = (entry.students ?? []).flatMap((student) => (student.login ? [student.login] : []));
      if (repository)
        repositories.push({ learner: logins.join("+") || repository.split("/")[1] || repository, repository });
    }
    if (accepted.length < PER_PAGE) break;
  }
  return repositories.sort((a, b) => a.learner.localeCompare(b.learner));
}
