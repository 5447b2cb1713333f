import { classroomRepositories } from "../classroom/classroom-repos.ts";

/**
 * `pnpm instructor classroom-repos <assignment>`: the learners' repositories of a GitHub Classroom assignment, one
 * `learner<TAB>repository` line each, or (`json`) one array for a workflow's matrix.
 */
export async function classroomReposCommand(assignment: string, options: { json?: boolean; api: string }) {
  const token = process.env.GITHUB_TOKEN ?? process.env.GH_TOKEN;
  const repositories = await classroomRepositories(assignment, token, options.api);
  if (options.json) process.stdout.write(`${JSON.stringify(repositories)}\n`);
  else for (const { learner, repository } of repositories) process.stdout.write(`${learner}\t${repository}\n`);
}
