import type { FakeGithubState, FakeIssue } from './fake-github-state.ts';
import { readNodeId } from './fake-github-state.ts';

/** A GraphQL error the fake raises with GitHub's `type`. */
type RaiseError = (type: string, message: string) => never;

/**
 * What Prow does with a comment on an issue: `/label x`, `/remove-label x`, `/milestone vX.Y` and
 * `/milestone clear`, one command a line (other lines are ignored). Labels Prow does not know are
 * skipped, as Prow does for labels the repository lacks.
 */
export function applyProwCommands(state: FakeGithubState, issue: FakeIssue, body: string): void {
  const labels = new Set(issue.labels);
  let milestone = issue.milestone;
  for (const line of body.split('\n').map((l) => l.trim())) {
    const [command, argument = ''] = line.split(/\s+/, 2);
    if (command === '/label' && state.labels.has(argument)) labels.add(argument);
    else if (command === '/remove-label') labels.delete(argument);
    else if (command === '/milestone' && argument === 'clear') milestone = null;
    else if (command === '/milestone' && state.milestones.some((m) => m.title === argument))
      milestone = argument;
  }
  state.updateIssue(issue.number, { labels: [...labels].sort(), milestone });
}

/** The write mutations of the fake: comments (with Prow's effect), label removal, milestone. */
export function buildMutations(
  state: FakeGithubState,
  issueObject: (issue: FakeIssue) => object,
  raise: RaiseError,
) {
  const issueById = (id: string): FakeIssue => {
    const parsed = readNodeId(id);
    const issue = parsed?.type === 'Issue' ? state.issues.get(Number(parsed.key)) : undefined;
    return issue ?? raise('NOT_FOUND', `Could not resolve to a node with the global id of '${id}'.`);
  };
  const labelName = (id: string): string =>
    [...state.labels].find(([, labelId]) => labelId === id)?.[0] ??
    raise('NOT_FOUND', 'Could not resolve to a Label with one of the given ids.');
  return {
    addComment: ({ input }: { input: { subjectId: string; body: string } }) => {
      const issue = issueById(input.subjectId);
      const comment = state.addComment(issue.number, input.body);
      if (state.prow) applyProwCommands(state, issue, input.body);
      return {
        clientMutationId: null,
        commentEdge: { node: { id: comment.id } },
        subject: issueObject(issue),
      };
    },
    removeLabelsFromLabelable: ({ input }: { input: { labelableId: string; labelIds: string[] } }) => {
      const issue = issueById(input.labelableId);
      const names = new Set(input.labelIds.map(labelName));
      state.updateIssue(issue.number, { labels: issue.labels.filter((l) => !names.has(l)) });
      return { clientMutationId: null, labelable: issueObject(issue) };
    },
    updateIssue: ({ input }: { input: { id: string; milestoneId?: string | null } }) => {
      const issue = issueById(input.id);
      let milestone: string | null = null;
      if (input.milestoneId) {
        const parsed = readNodeId(input.milestoneId);
        if (parsed?.type !== 'Milestone')
          raise('NOT_FOUND', `Could not resolve to a Milestone '${input.milestoneId}'.`);
        milestone = parsed!.key;
      }
      state.updateIssue(issue.number, { milestone });
      return { clientMutationId: null, issue: issueObject(issue) };
    },
    updateProjectV2ItemFieldValue: ({ input }: { input: FieldValueInput }) => {
      const item = state.board?.items.find((i) => i.id === input.itemId);
      if (!item || item.issueNumber === null)
        return raise('NOT_FOUND', `Could not resolve to a ProjectV2Item with the id '${input.itemId}'.`);
      const field = readNodeId(input.fieldId);
      if (field?.type !== 'Field')
        return raise('NOT_FOUND', `Could not resolve to a field '${input.fieldId}'.`);
      const name = field.key.slice(field.key.indexOf(':') + 1);
      state.setBoardField(item.issueNumber, name, fieldValueText(input.value, name, raise));
      return { clientMutationId: null, projectV2Item: { id: item.id } };
    },
  };
}

interface FieldValueInput {
  projectId: string;
  itemId: string;
  fieldId: string;
  value: { text?: string; date?: string; number?: number; singleSelectOptionId?: string };
}

/** The text a `ProjectV2FieldValue` stands for; an option must belong to the field. */
function fieldValueText(value: FieldValueInput['value'], field: string, raise: RaiseError): string {
  if (value.singleSelectOptionId !== undefined) {
    const option = readNodeId(value.singleSelectOptionId);
    if (option?.type !== 'Option' || !option.key.startsWith(`${field}:`))
      return raise('NOT_FOUND', `The option '${value.singleSelectOptionId}' is not one of ${field}'s.`);
    return option.key.slice(field.length + 1);
  }
  if (value.number !== undefined) return String(value.number);
  return value.date ?? value.text ?? raise('INVALID', 'A field value needs text, date, number or an option.');
}
