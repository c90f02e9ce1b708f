import type { DriftFinding } from '../domain/drift.ts';
import type {
  BoardItemSnapshot,
  GithubEvent,
  IssueSnapshot,
  NewGithubEvent,
} from '../domain/github-snapshots.ts';
import type { WriteAction, WriteBackVia } from '../domain/write-back-plan.ts';

/**
 * The store's GitHub part: what the sync read, where it stopped, what changed and what it plans to
 * write back. Repositories of the `Store` port (`store.githubSnapshots`…); synchronous like the rest.
 */

export interface GithubSnapshotRepo {
  getIssue(repo: string, number: number): IssueSnapshot | null;
  /** Inserts or replaces the issue's snapshot. */
  putIssue(issue: IssueSnapshot, syncedAt: Date): void;
  /** The repo's stored issues, by number; `milestone` and `label` narrow the list (either one matching). */
  listIssues(repo: string, filter?: { milestone?: string; label?: string }): IssueSnapshot[];
  getBoardItem(board: string, itemId: string): BoardItemSnapshot | null;
  putBoardItem(item: BoardItemSnapshot, syncedAt: Date): void;
  removeBoardItem(board: string, itemId: string): void;
  /** The board's items, by item id. */
  listBoardItems(board: string): BoardItemSnapshot[];
}

/** A git object under `keps/` as last listed, with the text fetched for blobs. */
export interface GithubObject {
  repo: string;
  path: string;
  kind: 'tree' | 'blob';
  oid: string;
  /** Node id to fetch a blob by; null for trees. */
  nodeId: string | null;
  /** For trees: the oid whose entries were all stored. */
  listedOid: string | null;
  /** For blobs: the oid whose text is in `text`. */
  fetchedOid: string | null;
  text: string | null;
}

/** One entry of a tree listing. */
export interface ListedObject {
  path: string;
  kind: 'tree' | 'blob';
  oid: string;
  nodeId: string | null;
}

export interface GithubObjectRepo {
  get(repo: string, path: string): GithubObject | null;
  /** Objects whose path starts with `prefix` (all of the repo's when omitted), by path. */
  list(repo: string, prefix?: string): GithubObject[];
  /**
   * Makes `entries` the objects under `treePath` (every depth): new ones are added, changed oids
   * updated (fetched text is kept until refetched), paths no longer listed removed. Returns how many
   * were added, changed and removed.
   */
  replaceUnder(
    repo: string,
    treePath: string,
    entries: ListedObject[],
  ): { added: number; changed: number; removed: number };
  /** Records that the tree at `path` was listed completely at `oid`. */
  markListed(repo: string, path: string, oid: string): void;
  /** Stores a blob's text fetched at `oid`. */
  putText(repo: string, path: string, oid: string, text: string, fetchedAt: Date): void;
}

/** A sync run as recorded. */
export interface GithubSyncRun {
  id: number;
  startedAt: string;
  finishedAt: string | null;
  outcome: 'ok' | 'failed' | null;
  requests: number;
  points: number;
  summary: unknown;
  error: string | null;
}

export interface GithubSyncRepo {
  getCursor(stream: string): string | null;
  setCursor(stream: string, value: string, now: Date): void;
  startRun(now: Date): number;
  finishRun(
    id: number,
    result: {
      outcome: 'ok' | 'failed';
      requests: number;
      points: number;
      summary: unknown;
      error: string | null;
    },
    now: Date,
  ): void;
  /** The newest run (with that outcome when given), or null. */
  lastRun(outcome?: 'ok' | 'failed'): GithubSyncRun | null;
}

export interface GithubEventRepo {
  /** Records events once per key; returns those that were new. */
  record(events: NewGithubEvent[], now: Date): GithubEvent[];
  /** Events recorded after the event with id `afterId` (all when 0), oldest first, at most `limit`. */
  listAfter(afterId: number, limit: number): GithubEvent[];
  /** Events recorded at or after `since` (ISO-8601), oldest first. */
  listSince(since: string, limit: number): GithubEvent[];
  /** The newest `limit` events of a KEP, newest first. */
  listByKep(kepNumber: number, limit: number): GithubEvent[];
}

export type { WriteAction };

export interface StoredWriteAction extends WriteAction {
  state: 'planned' | 'applied';
  plannedAt: string;
  appliedAt: string | null;
  /** How it was applied (null when its effect was already there, or not applied yet). */
  appliedVia: WriteBackVia | null;
  /** When a later sync saw its effect on the issue. */
  verifiedAt: string | null;
  lastError: string | null;
}

export interface GithubWriteBackRepo {
  /** Adds actions not planned before (by key); returns the stored action for each, new or not. */
  plan(actions: WriteAction[], now: Date): { action: StoredWriteAction; created: boolean }[];
  get(key: string): StoredWriteAction | null;
  /** Actions in planning order, optionally only those in `state`. */
  list(state?: 'planned' | 'applied'): StoredWriteAction[];
  /** Marks a planned action applied; false when it was not planned (already applied or unknown). */
  markApplied(key: string, now: Date, via?: WriteBackVia | null): boolean;
  /** Applied actions whose effect no sync has seen yet. */
  listUnverified(): StoredWriteAction[];
  markVerified(key: string, now: Date): void;
  markFailed(key: string, error: string): void;
  /** Drops actions of `keys` that are still planned (never applied); returns how many were dropped. */
  unplan(keys: string[]): number;
}

/** An open drift finding as stored: when first seen, and whether the PM channel was told of it. */
export interface StoredDriftFinding extends DriftFinding {
  firstSeenAt: string;
  changedAt: string;
  noticedAt: string | null;
}

export interface GithubDriftRepo {
  /**
   * Replaces the open findings with `findings`: new ones are inserted, those whose fingerprint changed
   * are reset (not noticed), those gone are deleted. Returns the findings that are news (new or changed).
   */
  replace(findings: DriftFinding[], now: Date): DriftFinding[];
  /** Open findings, in KEP number then key order. */
  list(): StoredDriftFinding[];
  /** Open findings the PM channel was not told of yet. */
  listUnnoticed(): StoredDriftFinding[];
  markNoticed(keys: string[], now: Date): void;
}
