import type { PullRequestFacts } from '../domain/custody.ts';
import type { BoardItemSnapshot, IssueSnapshot } from '../domain/github-snapshots.ts';
import type { ListedObject } from './github-store.ts';

/**
 * The GitHub port (the KepSource over GraphQL): the reads the sync needs and the one write it makes.
 * Implemented by `github/github-source.ts`; every method may throw `GithubError` (after retries).
 */

/** `owner/name` split. */
export interface RepoRef {
  owner: string;
  name: string;
}

/** A GitHub Project (v2) of an organization. */
export interface BoardRef {
  org: string;
  number: number;
}

/** One page of a connection. */
export interface Page<T> {
  items: T[];
  hasNextPage: boolean;
  endCursor: string | null;
  /**
   * A search's page: how many the search matched in all. GitHub pages through the first 1,000
   * only (`searchResultCap`); a search sorted by update goes on from the last hit's `lastUpdatedAt`.
   */
  searchTotal?: number;
  /** A search's page: the `updatedAt` of its last hit (the search is sorted by update, oldest first). */
  lastUpdatedAt?: string | null;
}

/** The cheap first answer of a sync: what may have changed. */
export interface GithubProbe {
  /** The git object id of the tree (`keps/`), or null when it does not exist. */
  treeOid: string | null;
  /** The board's updatedAt, or null when no board was asked for (or it does not exist). */
  boardUpdatedAt: string | null;
}

/** A tree listed a few levels deep; `entries` paths are relative to the repository root. */
export interface TreeListing {
  oid: string;
  entries: ListedObject[];
  /** Trees at the deepest level listed whose own entries were not listed (except folders inside KEP dirs). */
  unlisted: ListedObject[];
}

export interface BlobText {
  nodeId: string;
  oid: string;
  /** Null for binary blobs. */
  text: string | null;
  truncated: boolean;
}

/** What changing an issue's labels or milestone needs. */
export interface IssueTarget {
  /** The issue's node id; null when there is no such issue. */
  issueId: string | null;
  /** The node id of the label asked for; null when the repository has no such label. */
  labelId: string | null;
  /** The node id of the milestone titled as asked; null when there is none. */
  milestoneId: string | null;
  /** Labels the issue has now. */
  labels: string[];
  /** The issue's milestone title now, or null. */
  milestone: string | null;
  /** Bodies of the issue's last comments written by this token, oldest first. */
  ownComments: string[];
}

/** What the GitHub adapter spent so far. */
export interface GithubSpend {
  requests: number;
  points: number;
  retries: number;
  remaining: number | null;
  resetAt: string | null;
}

export interface GithubSource {
  probe(repo: RepoRef, treeExpression: string, board: BoardRef | null): Promise<GithubProbe>;
  /** The number of the milestone titled exactly `title`, or null. */
  findMilestone(repo: RepoRef, title: string): Promise<number | null>;
  /** Issues of a milestone updated at or after `since`, oldest update first. */
  milestoneIssues(
    repo: RepoRef,
    milestone: number,
    since: string | null,
    after: string | null,
  ): Promise<Page<IssueSnapshot>>;
  /**
   * Issues with `label` that are not in the milestone titled `milestone`, updated at or after
   * `since`, oldest update first (a search: the milestone's issues are read by `milestoneIssues`).
   */
  optedInElsewhere(
    repo: RepoRef,
    label: string,
    milestone: string,
    since: string | null,
    after: string | null,
  ): Promise<Page<IssueSnapshot>>;
  /** Issues with `label` updated at or after `since`, oldest update first. */
  labeledIssues(
    repo: RepoRef,
    label: string,
    since: string | null,
    after: string | null,
  ): Promise<Page<IssueSnapshot>>;
  /**
   * Items of the board, with their field values (read by the handbook's names; the sync re-reads them
   * by the configured ones); `updatedAt` is the board's, `fieldNames` every field the board has.
   */
  boardItems(
    board: BoardRef,
    after: string | null,
  ): Promise<Page<BoardItemSnapshot> & { updatedAt: string; fieldNames: string[] }>;
  /** A tree (`HEAD:keps`) four levels deep; null when the path does not exist. */
  listTree(repo: RepoRef, ref: string, path: string): Promise<TreeListing | null>;
  /** Blob texts by node id (any number; the adapter batches). */
  readBlobs(nodeIds: string[]): Promise<BlobText[]>;
  /** The issue with its labels and milestone, and the ids of `label` and the milestone `milestone` ('' for none). */
  issueTarget(repo: RepoRef, issueNumber: number, label: string, milestone: string): Promise<IssueTarget>;
  addLabels(issueId: string, labelIds: string[]): Promise<void>;
  removeLabels(issueId: string, labelIds: string[]): Promise<void>;
  /** Sets the issue's milestone, or clears it with null. */
  setMilestone(issueId: string, milestoneId: string | null): Promise<void>;
  /** Comments on the issue (Prow reads the commands in it). */
  addComment(issueId: string, body: string): Promise<void>;
  /** The board's id and fields (null when not found or not readable with the token). */
  boardTarget(board: BoardRef): Promise<BoardTarget | null>;
  /** Sets one field of a board item: text, a date, a number, or a single-select option by id. */
  setBoardField(
    target: { projectId: string; itemId: string; fieldId: string },
    value: BoardFieldInput,
  ): Promise<void>;
  spend(): GithubSpend;
}

/** A board field as the write-back needs it: its id, type and (single select) options. */
export interface BoardFieldTarget {
  id: string;
  name: string;
  dataType: string;
  options: Array<{ id: string; name: string }>;
}

export interface BoardTarget {
  projectId: string;
  fields: BoardFieldTarget[];
}

/** GitHub's `ProjectV2FieldValue`: exactly one of these. */
export type BoardFieldInput =
  | { text: string }
  | { date: string }
  | { number: number }
  | { singleSelectOptionId: string };

/** An issue search hit. */
export interface FoundIssue {
  /** `owner/name` of its repository. */
  repo: string;
  number: number;
  updatedAt: string;
}

/** One page of a KEP issue's cross-referencing pull requests, with the issue's body. */
export interface KepIssuePullsPage extends Page<PullRequestFacts> {
  /** False when the repository has no such issue (then the page is empty). */
  found: boolean;
  body: string;
}

/**
 * The pull-request reads of the chain of custody (implemented by `github/pull-request-source.ts`;
 * every method may throw `GithubError`).
 */
export interface PullRequestSource {
  /** The issue's body and the pull requests (any repository) whose cross-reference events point at it. */
  kepIssuePulls(repo: RepoRef, issueNumber: number, after: string | null): Promise<KepIssuePullsPage>;
  /**
   * Pull requests by number, several a request (one by one when one of them does not exist); those
   * that do not exist are left out.
   */
  pullRequests(repo: RepoRef, numbers: readonly number[]): Promise<Map<number, PullRequestFacts>>;
  /** Pull requests found by a GitHub search query (`repo:o/n is:pr is:merged …`). */
  searchPulls(query: string, after: string | null): Promise<Page<PullRequestFacts>>;
  /** Issues found by a GitHub search query (`repo:o/n is:issue updated:>=…`), with their update time. */
  searchIssues(query: string, after: string | null): Promise<Page<FoundIssue>>;
  spend(): GithubSpend;
}
