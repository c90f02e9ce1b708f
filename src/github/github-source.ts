import { type BoardFieldValue, readBoardFields, snapshotFields } from '../domain/board.ts';
import type { BoardItemSnapshot, IssueSnapshot } from '../domain/github-snapshots.ts';
import type { BlobText, BoardRef, GithubSource, Page, RepoRef, TreeListing } from '../ports/github.ts';
import type { ListedObject } from '../ports/github-store.ts';
import type { GithubClient } from './client.ts';
import type { BoardItemNode, IssueNode, TreeEntryNode } from './queries.ts';

const maxIdsPerRequest = 100;
/** Levels `keps-tree.graphql` lists. */
const treeDepth = 4;

function toIssue(repo: RepoRef, node: IssueNode): IssueSnapshot {
  const labels = (node.labels?.nodes ?? []).flatMap((l) => (l ? [l.name] : [])).sort();
  return {
    repo: `${repo.owner}/${repo.name}`,
    number: node.number,
    title: node.title,
    state: node.state,
    milestone: node.milestone?.title ?? null,
    labels,
    updatedAt: node.updatedAt,
  };
}

/** The search for labelled issues outside the milestone, since a date, oldest update first. */
export function optedInElsewhereQuery(
  repo: RepoRef,
  label: string,
  milestone: string,
  since: string | null,
): string {
  const parts = [
    `repo:${repo.owner}/${repo.name}`,
    'is:issue',
    `label:"${label}"`,
    `-milestone:"${milestone}"`,
  ];
  if (since) parts.push(`updated:>=${since}`);
  return [...parts, 'sort:updated-asc'].join(' ');
}

function issuePage(
  repo: RepoRef,
  page:
    | { pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: (IssueNode | null)[] }
    | null
    | undefined,
): Page<IssueSnapshot> {
  if (!page) return { items: [], hasNextPage: false, endCursor: null };
  const items = page.nodes.flatMap((n) => (n ? [toIssue(repo, n)] : []));
  return { items, hasNextPage: page.pageInfo.hasNextPage, endCursor: page.pageInfo.endCursor };
}

function toBoardItem(board: BoardRef, node: BoardItemNode): BoardItemSnapshot {
  const values: BoardFieldValue[] = node.fieldValues.nodes.flatMap((v) => {
    const field = v?.field?.name;
    const value = v?.name ?? v?.text ?? v?.date ?? (typeof v?.number === 'number' ? String(v.number) : null);
    return field && value ? [{ field, value }] : [];
  });
  const isIssue = node.content?.__typename === 'Issue' && typeof node.content.number === 'number';
  return {
    board: `${board.org}/${board.number}`,
    itemId: node.id,
    issueRepo: isIssue ? (node.content?.repository?.nameWithOwner ?? null) : null,
    issueNumber: isIssue ? (node.content?.number ?? null) : null,
    ...snapshotFields(readBoardFields(values)),
    archived: node.isArchived,
    updatedAt: node.updatedAt,
  };
}

/** Flattens a listing; trees at the depth limit are `unlisted` unless they sit in a KEP dir (images/…). */
function flattenTree(prefix: string, entries: TreeEntryNode[], depth: number, out: TreeListing): void {
  const inKepDir = entries.some((e) => e.name === 'kep.yaml');
  for (const entry of entries) {
    const kind = entry.type === 'tree' ? 'tree' : entry.type === 'blob' ? 'blob' : null;
    if (!kind) continue;
    const listed: ListedObject = {
      path: `${prefix}/${entry.name}`,
      kind,
      oid: entry.oid,
      nodeId: entry.object?.id ?? null,
    };
    out.entries.push(listed);
    if (kind !== 'tree') continue;
    const children = entry.object?.entries;
    if (children && depth > 1) flattenTree(listed.path, children, depth - 1, out);
    else if (!inKepDir) out.unlisted.push(listed);
  }
}

/** The GitHub port over the GraphQL client: maps answers to snapshots. */
export function createGithubSource(client: GithubClient): GithubSource {
  return {
    async probe(repo, treeExpression, board) {
      const data = await client.run('sync-probe', {
        ...repo,
        expression: treeExpression,
        org: board?.org ?? '',
        board: board?.number ?? 0,
        withBoard: board !== null,
      });
      return {
        treeOid: data.repository?.object?.oid ?? null,
        boardUpdatedAt: data.organization?.projectV2?.updatedAt ?? null,
      };
    },
    async findMilestone(repo, title) {
      const data = await client.run('milestones', { ...repo, title });
      const found = (data.repository?.milestones.nodes ?? []).find((m) => m?.title === title);
      return found?.number ?? null;
    },
    async milestoneIssues(repo, milestone, since, after) {
      const data = await client.run('milestone-issues', { ...repo, milestone, since, after });
      return issuePage(repo, data.repository?.milestone?.issues);
    },
    async labeledIssues(repo, label, since, after) {
      const data = await client.run('labeled-issues', { ...repo, label, since, after });
      return issuePage(repo, data.repository?.issues);
    },
    async optedInElsewhere(repo, label, milestone, since, after) {
      const searchQuery = optedInElsewhereQuery(repo, label, milestone, since);
      const data = await client.run('opted-in-elsewhere', { searchQuery, after });
      const nodes = data.search.nodes.filter((n): n is IssueNode => n !== null && 'number' in n);
      const page = issuePage(repo, { pageInfo: data.search.pageInfo, nodes });
      return {
        ...page,
        searchTotal: data.search.issueCount,
        lastUpdatedAt: page.items.at(-1)?.updatedAt ?? null,
      };
    },
    async boardItems(board, after) {
      const data = await client.run('board-items', { org: board.org, number: board.number, after });
      const project = data.organization?.projectV2;
      if (!project) return { items: [], hasNextPage: false, endCursor: null, updatedAt: '', fieldNames: [] };
      const items = project.items.nodes.flatMap((n) => (n ? [toBoardItem(board, n)] : []));
      const { hasNextPage, endCursor } = project.items.pageInfo;
      const fieldNames = project.fields.nodes.flatMap((f) => (f?.name ? [f.name] : []));
      return { items, hasNextPage, endCursor, updatedAt: project.updatedAt, fieldNames };
    },
    async listTree(repo, ref, path) {
      const data = await client.run('keps-tree', { ...repo, expression: `${ref}:${path}` });
      const object = data.repository?.object;
      if (!object?.entries) return null;
      const listing: TreeListing = { oid: object.oid, entries: [], unlisted: [] };
      flattenTree(path, object.entries, treeDepth, listing);
      return listing;
    },
    async readBlobs(nodeIds) {
      const blobs: BlobText[] = [];
      for (let i = 0; i < nodeIds.length; i += maxIdsPerRequest) {
        const data = await client.run('blobs', { ids: nodeIds.slice(i, i + maxIdsPerRequest) });
        for (const node of data.nodes) {
          if (!node?.id || !node.oid) continue;
          blobs.push({
            nodeId: node.id,
            oid: node.oid,
            text: node.text ?? null,
            truncated: node.isTruncated ?? false,
          });
        }
      }
      return blobs;
    },
    async issueTarget(repo, issueNumber, label, milestone) {
      const data = await client.run('issue-target', { ...repo, number: issueNumber, label, milestone });
      const issue = data.repository?.issue ?? null;
      const milestones = data.repository?.milestones.nodes ?? [];
      return {
        issueId: issue?.id ?? null,
        labelId: label ? (data.repository?.label?.id ?? null) : null,
        milestoneId: milestone ? (milestones.find((m) => m?.title === milestone)?.id ?? null) : null,
        labels: (issue?.labels?.nodes ?? []).flatMap((l) => (l ? [l.name] : [])),
        milestone: issue?.milestone?.title ?? null,
        ownComments: (issue?.comments.nodes ?? []).flatMap((c) => (c?.viewerDidAuthor ? [c.body] : [])),
      };
    },
    async boardTarget(board) {
      const data = await client.run('board-target', { org: board.org, number: board.number });
      const project = data.organization?.projectV2;
      if (!project) return null;
      const fields = (project.fields.nodes ?? []).flatMap((f) =>
        f?.id && f.name
          ? [{ id: f.id, name: f.name, dataType: f.dataType ?? 'TEXT', options: f.options ?? [] }]
          : [],
      );
      return { projectId: project.id, fields };
    },
    async setBoardField(target, value) {
      await client.run('set-board-field', { ...target, value });
    },
    async addLabels(issueId, labelIds) {
      await client.run('add-labels', { labelableId: issueId, labelIds });
    },
    async removeLabels(issueId, labelIds) {
      await client.run('remove-labels', { labelableId: issueId, labelIds });
    },
    async setMilestone(issueId, milestoneId) {
      await client.run('set-milestone', { id: issueId, milestoneId });
    },
    async addComment(issueId, body) {
      await client.run('add-comment', { subjectId: issueId, body });
    },
    spend() {
      const usage = client.usage();
      return {
        requests: usage.requests,
        points: usage.points,
        retries: usage.retries,
        remaining: usage.rateLimit?.remaining ?? null,
        resetAt: usage.rateLimit?.resetAt ?? null,
      };
    },
  };
}
