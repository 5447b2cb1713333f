/**
 * A workflow as GitHub reads it, with GitHub's own parser (`@actions/workflow-parser`): the errors it finds, and
 * the ids of the jobs it makes of it.
 */
export async function parsedByGitHub(name: string, content: string): Promise<{ errors: string[]; jobs: string[] }> {
  // GitHub's parser imports its JSON schema without an import attribute, which Node refuses and tsx takes.
  const { tsImport } = await import("tsx/esm/api");
  const parser = "@actions/workflow-parser";
  const { convertWorkflowTemplate, NoOperationTraceWriter, parseWorkflow } = (await tsImport(
    parser,
    import.meta.url,
  )) as typeof import("@actions/workflow-parser");
  const parsed = parseWorkflow({ name, content }, new NoOperationTraceWriter());
  const errors = parsed.context.errors.getErrors().map((e) => e.message);
  const template = await convertWorkflowTemplate(parsed.context, parsed.value ?? ({} as never));
  return {
    errors: [...errors, ...(template.errors ?? []).map((e) => e.Message)],
    jobs: template.jobs.map((job) => job.id.value),
  };
}
