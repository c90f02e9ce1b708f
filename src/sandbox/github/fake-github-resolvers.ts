import { connection, FakeGithubError, type PageArgs } from './fake-github-connection.ts';
import { buildMutations } from './fake-github-mutations.ts';
import { buildPullResolvers } from './fake-github-pulls.ts';
import {
  type FakeBoard,
  type FakeBoardItem,
  type FakeGithubState,
  type FakeGitObject,
  type FakeIssue,
  fakeFieldOptions,
  fakeFieldType,
  nodeId,
  readNodeId,
} from './fake-github-state.ts';

/** A field value as GitHub types it: the single-select option's name, text, a date or a number. */
function fieldValueObject(field: string, value: string): Record<string, unknown> {
  const type = fakeFieldType(field);
  if (type === 'text') return { __typename: 'ProjectV2ItemFieldTextValue', text: value };
  if (type === 'date') return { __typename: 'ProjectV2ItemFieldDateValue', date: value };
  if (type === 'number') return { __typename: 'ProjectV2ItemFieldNumberValue', number: Number(value) };
  return { __typename: 'ProjectV2ItemFieldSingleSelectValue', name: value };
}

const dataTypes = { text: 'TEXT', date: 'DATE', number: 'NUMBER', 'single-select': 'SINGLE_SELECT' } as const;

function fieldObject(board: FakeBoard, name: string): Record<string, unknown> {
  const type = fakeFieldType(name);
  const single = type === 'single-select';
  return {
    __typename: single ? 'ProjectV2SingleSelectField' : 'ProjectV2Field',
    id: () => nodeId('Field', `${board.number}:${name}`),
    name,
    dataType: dataTypes[type],
    ...(single
      ? {
          options: () =>
            fakeFieldOptions(board, name).map((o) => ({ id: nodeId('Option', `${name}:${o}`), name: o })),
        }
      : {}),
  };
}

/**
 * Resolvers of the fake GitHub, as a root value for graphql-js `execute`: plain objects whose fields
 * with arguments are functions (graphql-js calls them with the arguments). Objects carry `__typename`
 * so unions and interfaces resolve. Only what drumbeat asks for is implemented; anything else
 * resolves to null (or fails when non-null), which the tests would notice.
 */

export { connection, FakeGithubError, type PageArgs } from './fake-github-connection.ts';

interface IssueFilters {
  since?: string | null;
  labels?: string[] | null;
  milestone?: string | null;
  milestoneNumber?: string | null;
  states?: string[] | null;
}

interface IssuesArgs extends PageArgs {
  filterBy?: IssueFilters | null;
  labels?: string[] | null;
  states?: string[] | null;
  orderBy?: { field: string; direction: 'ASC' | 'DESC' } | null;
}

function orderIssues(issues: FakeIssue[], orderBy: IssuesArgs['orderBy']): FakeIssue[] {
  const field = orderBy?.field ?? 'CREATED_AT';
  const key = (i: FakeIssue) => (field === 'UPDATED_AT' ? i.updatedAt : String(i.number).padStart(10, '0'));
  const sorted = [...issues].sort((a, b) =>
    key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : a.number - b.number,
  );
  return orderBy?.direction === 'DESC' ? sorted.reverse() : sorted;
}

function filterIssues(issues: FakeIssue[], args: IssuesArgs): FakeIssue[] {
  const filter = args.filterBy ?? {};
  const labels = [...(filter.labels ?? []), ...(args.labels ?? [])];
  const states = filter.states ?? args.states ?? null;
  return issues.filter(
    (i) =>
      (!filter.since || i.updatedAt >= filter.since) &&
      labels.every((l) => i.labels.includes(l)) &&
      (!states || states.includes(i.state)),
  );
}

export function buildRootValue(state: FakeGithubState, rateLimit: () => object) {
  const issueObject = (issue: FakeIssue) => ({
    __typename: 'Issue',
    id: issue.id,
    number: issue.number,
    title: issue.title,
    body: issue.body ?? '',
    state: issue.state,
    updatedAt: issue.updatedAt,
    timelineItems: (args: PageArgs & { itemTypes?: string[] | null }) => pulls.timelineItems(issue)(args),
    url: `https://github.com/${state.nameWithOwner}/issues/${issue.number}`,
    milestone: () => (issue.milestone ? milestoneObject(issue.milestone) : null),
    labels: (args: PageArgs) => connection(issue.labels, args, labelObject),
    comments: (args: PageArgs) =>
      connection(state.comments.get(issue.number) ?? [], args, (c) => ({
        __typename: 'IssueComment',
        id: c.id,
        body: c.body,
        viewerDidAuthor: true,
      })),
    repository: repositoryObject,
  });
  const pulls = buildPullResolvers(state, (issue) => issueObject(issue));
  const labelObject = (name: string) => ({
    __typename: 'Label',
    id: () => state.labels.get(name) ?? nodeId('Label', name),
    name,
  });
  const milestoneObject = (title: string) => {
    const found = state.milestones.find((m) => m.title === title);
    return {
      __typename: 'Milestone',
      id: () => nodeId('Milestone', title),
      number: found?.number ?? 0,
      title,
      issues: (args: IssuesArgs) =>
        connection(
          orderIssues(
            filterIssues(
              [...state.issues.values()].filter((i) => i.milestone === title),
              args,
            ),
            args.orderBy,
          ).map(issueObject),
          args,
        ),
    };
  };
  const gitObject = (object: FakeGitObject): object =>
    object.kind === 'blob'
      ? {
          __typename: 'Blob',
          id: nodeId('Blob', object.oid),
          oid: object.oid,
          text: object.text,
          byteSize: Buffer.byteLength(object.text ?? ''),
          isBinary: false,
          isTruncated: false,
        }
      : {
          __typename: 'Tree',
          id: nodeId('Tree', object.oid),
          oid: object.oid,
          entries: object.entries!.map((entry) => ({
            name: entry.name,
            path: entry.path,
            oid: entry.oid,
            type: entry.kind,
            mode: entry.kind === 'tree' ? 16384 : 33188,
            object: () => gitObject(entry),
          })),
        };
  function repositoryObject(): object {
    return {
      __typename: 'Repository',
      id: () => nodeId('Repository', state.nameWithOwner),
      name: state.name,
      nameWithOwner: state.nameWithOwner,
      milestones: (args: PageArgs & { query?: string | null }) =>
        connection(
          state.milestones
            .filter((m) => !args.query || m.title.includes(args.query))
            .map((m) => milestoneObject(m.title)),
          args,
        ),
      milestone: ({ number }: { number: number }) => {
        const found = state.milestones.find((m) => m.number === number);
        return found ? milestoneObject(found.title) : null;
      },
      issues: (args: IssuesArgs) =>
        connection(
          orderIssues(filterIssues([...state.issues.values()], args), args.orderBy).map(issueObject),
          args,
        ),
      issue: ({ number }: { number: number }) => {
        const issue = state.issues.get(number);
        if (!issue)
          throw new FakeGithubError(
            'NOT_FOUND',
            `Could not resolve to an Issue with the number of ${number}.`,
          );
        return issueObject(issue);
      },
      label: ({ name }: { name: string }) => (state.labels.has(name) ? labelObject(name) : null),
      object: ({ expression }: { expression?: string | null }) => {
        const path = (expression ?? '').replace(/^[^:]*:/, '');
        const found = state.objectAt(path);
        return found ? gitObject(found) : null;
      },
    };
  }
  const itemObject = (board: FakeBoard, item: FakeBoardItem) => {
    const issue = item.issueNumber === null ? null : state.issues.get(item.issueNumber);
    return {
      __typename: 'ProjectV2Item',
      id: item.id,
      type: issue ? 'ISSUE' : 'DRAFT_ISSUE',
      isArchived: item.archived,
      updatedAt: item.updatedAt,
      content: issue ? issueObject(issue) : null,
      fieldValues: (args: PageArgs) =>
        connection(
          Object.entries(item.fields).map(([field, value]) => ({
            ...fieldValueObject(field, value),
            id: () => nodeId('FieldValue', `${item.id}:${field}`),
            field: fieldObject(board, field),
          })),
          args,
        ),
    };
  };
  const projectObject = (board: FakeBoard) => ({
    __typename: 'ProjectV2',
    id: nodeId('ProjectV2', `${board.org}/${board.number}`),
    number: board.number,
    title: board.title,
    updatedAt: board.updatedAt,
    fields: (args: PageArgs) =>
      connection(
        board.fieldNames.map((name) => fieldObject(board, name)),
        args,
      ),
    items: (args: PageArgs) =>
      connection(
        board.items.map((item) => itemObject(board, item)),
        args,
      ),
  });
  const nodeById = (id: string) => {
    const parsed = readNodeId(id);
    if (parsed?.type === 'Blob') {
      const blob = state.blobByOid(parsed.key);
      return blob ? gitObject(blob) : null;
    }
    if (parsed?.type === 'Issue') {
      const issue = state.issues.get(Number(parsed.key));
      return issue ? issueObject(issue) : null;
    }
    return null;
  };

  return {
    rateLimit,
    search: pulls.search,
    repository: ({ owner, name }: { owner: string; name: string }) => {
      if (pulls.codeName && `${owner}/${name}`.toLowerCase() === pulls.codeName.toLowerCase())
        return pulls.repositoryObject();
      if (
        owner.toLowerCase() !== state.owner.toLowerCase() ||
        name.toLowerCase() !== state.name.toLowerCase()
      )
        throw new FakeGithubError(
          'NOT_FOUND',
          `Could not resolve to a Repository with the name '${owner}/${name}'.`,
        );
      return repositoryObject();
    },
    organization: ({ login }: { login: string }) => {
      const board = state.board;
      if (!board || board.org.toLowerCase() !== login.toLowerCase())
        throw new FakeGithubError(
          'NOT_FOUND',
          `Could not resolve to an Organization with the login of '${login}'.`,
        );
      return {
        __typename: 'Organization',
        login: board.org,
        projectV2: ({ number }: { number: number }) => {
          if (number !== board.number)
            throw new FakeGithubError(
              'NOT_FOUND',
              `Could not resolve to a ProjectV2 with the number ${number}.`,
            );
          return projectObject(board);
        },
      };
    },
    node: ({ id }: { id: string }) => nodeById(id),
    nodes: ({ ids }: { ids: string[] }) => {
      if (ids.length > 100)
        throw new FakeGithubError('EXCESSIVE_PAGINATION', 'You may not ask for more than 100 ids.');
      return ids.map(nodeById);
    },
    addLabelsToLabelable: ({ input }: { input: { labelableId: string; labelIds: string[] } }) => {
      const parsed = readNodeId(input.labelableId);
      const issue = parsed?.type === 'Issue' ? state.issues.get(Number(parsed.key)) : undefined;
      if (!issue)
        throw new FakeGithubError(
          'NOT_FOUND',
          `Could not resolve to a node with the global id of '${input.labelableId}'.`,
        );
      const names = input.labelIds.map((id) => [...state.labels].find(([, labelId]) => labelId === id)?.[0]);
      if (names.some((n) => n === undefined))
        throw new FakeGithubError('NOT_FOUND', 'Could not resolve to a Label with one of the given ids.');
      const labels = [...new Set([...issue.labels, ...(names as string[])])];
      state.updateIssue(issue.number, { labels });
      return { clientMutationId: null, labelable: issueObject(issue) };
    },
    ...buildMutations(state, issueObject, (type, message) => {
      throw new FakeGithubError(type, message);
    }),
  };
}
