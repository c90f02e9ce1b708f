import { type DriftFinding, findDrift } from '../domain/drift.ts';
import type { IssueSnapshot } from '../domain/github-snapshots.ts';
import type { Kep } from '../domain/types.ts';
import type { GithubLabels } from '../domain/write-back-plan.ts';
import type { BoardRef } from '../ports/github.ts';
import type { GithubDriftRepo, GithubSnapshotRepo, GithubSyncRepo } from '../ports/github-store.ts';
import type { MilestoneRemovalRepo } from '../ports/removal-store.ts';
import type { KepRepo } from '../ports/store.ts';

/** The repos drift is computed from (and recorded in). */
export interface DriftStore {
  githubSnapshots: GithubSnapshotRepo;
  githubSync: Pick<GithubSyncRepo, 'getCursor'>;
  keps: Pick<KepRepo, 'findByNumber'>;
  /** Removals from the milestone recorded in Slack, compared with the board. */
  milestoneRemovals: Pick<MilestoneRemovalRepo, 'latestByKep'>;
}

export interface DriftScope {
  repo: string;
  release: string;
  labels: Pick<GithubLabels, 'optedIn' | 'trackedYes' | 'trackedNo'>;
  board: BoardRef | null;
}

function boardKey(board: BoardRef): string {
  return `${board.org}/${board.number}`;
}

/** The board's items, or null when no board is configured or it was never read (nothing to compare). */
function boardItems(store: DriftStore, scope: DriftScope) {
  if (!scope.board) return null;
  const key = boardKey(scope.board);
  if (store.githubSync.getCursor(`board:${key}:updatedAt`) === null) return null;
  return store.githubSnapshots
    .listBoardItems(key)
    .filter((i) => i.issueRepo === null || i.issueRepo === scope.repo);
}

/** The release's issues (milestone or opted in) and those of its board items. */
function releaseIssues(store: DriftStore, scope: DriftScope, board: { issueNumber: number | null }[] | null) {
  const issues = new Map<number, IssueSnapshot>();
  const listed = store.githubSnapshots.listIssues(scope.repo, {
    milestone: scope.release,
    label: scope.labels.optedIn,
  });
  for (const issue of listed) issues.set(issue.number, issue);
  for (const item of board ?? []) {
    if (item.issueNumber === null || issues.has(item.issueNumber)) continue;
    const issue = store.githubSnapshots.getIssue(scope.repo, item.issueNumber);
    if (issue) issues.set(issue.number, issue);
  }
  return [...issues.values()];
}

/** Every drift between the synced issues, board and kep.yaml files of the release. */
export function currentDrift(store: DriftStore, scope: DriftScope): DriftFinding[] {
  const board = boardItems(store, scope);
  const issues = releaseIssues(store, scope, board);
  const keps = new Map<number, Kep>();
  for (const issue of issues) {
    const [kep] = store.keps.findByNumber(issue.number);
    if (kep) keps.set(issue.number, kep);
  }
  const removals = slackRemovals(store, scope);
  return findDrift({ release: scope.release, labels: scope.labels, issues, board, keps, removals });
}

/** The release's latest Slack removal of each KEP recorded against the configured board. */
function slackRemovals(store: DriftStore, scope: DriftScope) {
  if (!scope.board) return new Map();
  const key = boardKey(scope.board);
  const removals = store.milestoneRemovals.latestByKep(scope.release).filter((r) => r.board === key);
  return new Map(removals.map((r) => [r.kepNumber, r]));
}

/** Records the current findings; returns those that are news (new, or their values changed). */
export function recordDrift(
  store: DriftStore & { githubDrift: GithubDriftRepo },
  scope: DriftScope,
  now: Date,
): { open: number; news: DriftFinding[] } {
  const findings = currentDrift(store, scope);
  return { open: findings.length, news: store.githubDrift.replace(findings, now) };
}
