import { effectPresent, prowComment } from '../domain/issue-commands.ts';
import type { WriteBackVia } from '../domain/write-back-plan.ts';
import type { Clock } from '../ports/clock.ts';
import type { BoardRef, GithubSource, IssueTarget, RepoRef } from '../ports/github.ts';
import type { GithubSnapshotRepo, GithubWriteBackRepo, StoredWriteAction } from '../ports/github-store.ts';
import type { Logger } from '../ports/logger.ts';
import { applyBoardField } from './apply-board-fields.ts';

export interface ApplyWriteBackDeps {
  github: GithubSource;
  store: {
    githubWriteBack: GithubWriteBackRepo;
    githubSnapshots: Pick<GithubSnapshotRepo, 'listBoardItems'>;
  };
  clock: Clock;
  logger: Logger;
}

export type WriteOutcome = 'applied' | 'already-there' | 'would-apply' | 'failed';

export interface ActionOutcome {
  action: StoredWriteAction;
  outcome: WriteOutcome;
  error: string | null;
}

export interface WriteBackResult {
  /** `dry-run`: nothing was sent to GitHub (write-back off or `--dry-run`). */
  mode: 'applied' | 'dry-run';
  via: WriteBackVia;
  actions: ActionOutcome[];
  /** Via Prow: the comment each issue gets (or would get), with the commands not yet in effect. */
  comments: { repo: string; issueNumber: number; body: string }[];
}

/** Errors that say "stop for now" rather than "this action cannot be done". */
function isTransient(error: unknown): boolean {
  const kind = (error as { kind?: string }).kind;
  return kind === 'rate-limited' || kind === 'secondary-limit' || kind === 'server' || kind === 'malformed';
}

function repoRef(repo: string): RepoRef {
  const [owner = '', name = ''] = repo.split('/');
  return { owner, name };
}

/** Planned actions grouped per issue, in plan order. */
function byIssue(actions: StoredWriteAction[]): StoredWriteAction[][] {
  const groups = new Map<string, StoredWriteAction[]>();
  for (const action of actions) {
    const key = `${action.repo}#${action.issueNumber}`;
    groups.set(key, [...(groups.get(key) ?? []), action]);
  }
  return [...groups.values()];
}

function missingIssue(action: StoredWriteAction): string {
  return `${action.repo}#${action.issueNumber} does not exist or is not an issue`;
}

/** The last comment this token wrote (Prow's command comment already posted before a restart). */
function lastOwnComment(target: IssueTarget): string | null {
  return target.ownComments.at(-1) ?? null;
}

interface Applier {
  deps: ApplyWriteBackDeps;
  outcomes: ActionOutcome[];
  comments: WriteBackResult['comments'];
}

/** Records an action's outcome (applied, with how, or failed, with why) and adds it to the result. */
function settle(
  applier: Applier,
  action: StoredWriteAction,
  outcome: WriteOutcome,
  error: string | null,
  via: WriteBackVia | null = null,
): void {
  const { store, clock } = applier.deps;
  if (error) store.githubWriteBack.markFailed(action.key, error);
  else store.githubWriteBack.markApplied(action.key, clock.now(), via);
  applier.outcomes.push({ action: store.githubWriteBack.get(action.key) ?? action, outcome, error });
}

/** Via Prow: one comment with every command whose effect is not on the issue yet. */
async function applyByProw(applier: Applier, group: StoredWriteAction[]): Promise<void> {
  const first = group[0]!;
  const { github } = applier.deps;
  const target = await github.issueTarget(repoRef(first.repo), first.issueNumber, '', '');
  if (!target.issueId) {
    for (const action of group) settle(applier, action, 'failed', missingIssue(action));
    return;
  }
  const pending = group.filter((a) => !effectPresent(a, target));
  for (const action of group.filter((a) => !pending.includes(a)))
    settle(applier, action, 'already-there', null);
  if (pending.length === 0) return;
  const body = prowComment(pending);
  if (lastOwnComment(target) !== body) await github.addComment(target.issueId, body);
  applier.comments.push({ repo: first.repo, issueNumber: first.issueNumber, body });
  for (const action of pending) settle(applier, action, 'applied', null, 'prow');
}

/** Via the API: the one mutation the action needs, unless its effect is already there. */
async function applyByApi(applier: Applier, action: StoredWriteAction): Promise<void> {
  const { github } = applier.deps;
  const milestone = action.kind === 'set-milestone' ? action.label : '';
  const label = action.kind.endsWith('-label') ? action.label : '';
  const target = await github.issueTarget(repoRef(action.repo), action.issueNumber, label, milestone);
  if (!target.issueId) return settle(applier, action, 'failed', missingIssue(action));
  if (effectPresent(action, target)) return settle(applier, action, 'already-there', null);
  const problem = await mutate(github, action, target);
  if (problem) return settle(applier, action, 'failed', problem);
  settle(applier, action, 'applied', null, 'api');
}

/** Sends the mutation; returns what is missing on GitHub when it cannot be sent. */
async function mutate(
  github: GithubSource,
  action: StoredWriteAction,
  target: IssueTarget,
): Promise<string | null> {
  const issueId = target.issueId!;
  if (action.kind === 'set-milestone' && !target.milestoneId)
    return `${action.repo} has no milestone "${action.label}"; create it on GitHub`;
  if (action.kind.endsWith('-milestone')) {
    await github.setMilestone(issueId, action.kind === 'set-milestone' ? target.milestoneId : null);
    return null;
  }
  if (!target.labelId)
    return `${action.repo} has no label "${action.label}"; create it on GitHub or fix github.labels`;
  if (action.kind === 'add-label') await github.addLabels(issueId, [target.labelId]);
  else await github.removeLabels(issueId, [target.labelId]);
  return null;
}

/** Board fields always go through the API (Prow has no command for them). */
async function applyOnBoard(
  applier: Applier,
  action: StoredWriteAction,
  board: BoardRef | null,
): Promise<void> {
  const { github, store } = applier.deps;
  const result = await applyBoardField({ github, snapshots: store.githubSnapshots, board }, action);
  if (result.outcome === 'failed') return settle(applier, action, 'failed', result.error);
  settle(applier, action, result.outcome, null, result.outcome === 'applied' ? 'api' : null);
}

const onBoard = (a: StoredWriteAction) => a.kind === 'set-board-field';

function dryRun(planned: StoredWriteAction[], via: WriteBackVia): WriteBackResult {
  const comments =
    via === 'prow'
      ? byIssue(planned.filter((a) => !onBoard(a))).map((group) => ({
          repo: group[0]!.repo,
          issueNumber: group[0]!.issueNumber,
          body: prowComment(group),
        }))
      : [];
  const actions = planned.map((action) => ({ action, outcome: 'would-apply' as const, error: null }));
  return { mode: 'dry-run', via, actions, comments };
}

/**
 * Applies the planned write-back actions when `enabled` (config `github.writeBack` and not a dry
 * run); otherwise lists them as `would-apply` (with the Prow comments they would make). Via Prow an
 * issue gets one comment carrying all its commands; via the API each action is one mutation. An
 * action whose effect is already on the issue is marked without a write, and each applied action is
 * marked at once, so nothing is applied twice, across restarts too. A rate limit or server failure
 * stops here; the rest stay planned for the next run.
 */
export async function applyWriteBack(
  deps: ApplyWriteBackDeps,
  options: { enabled: boolean; via?: WriteBackVia; board?: BoardRef | null },
): Promise<WriteBackResult> {
  const via = options.via ?? 'prow';
  const planned = deps.store.githubWriteBack.list('planned');
  if (!options.enabled) return dryRun(planned, via);
  const applier: Applier = { deps, outcomes: [], comments: [] };
  const issueActions = planned.filter((a) => !onBoard(a));
  const units = [
    ...(via === 'prow' ? byIssue(issueActions) : issueActions.map((a) => [a])),
    ...planned.filter(onBoard).map((a) => [a]),
  ];
  for (const unit of units) {
    try {
      if (onBoard(unit[0]!)) await applyOnBoard(applier, unit[0]!, options.board ?? null);
      else if (via === 'prow') await applyByProw(applier, unit);
      else await applyByApi(applier, unit[0]!);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      deps.logger.warn('write-back failed', { keys: unit.map((a) => a.key), error: message });
      for (const action of unit) settle(applier, action, 'failed', message);
      if (isTransient(error)) break;
    }
  }
  return { mode: 'applied', via, actions: applier.outcomes, comments: applier.comments };
}
