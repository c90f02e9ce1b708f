import type { Clock } from '../ports/clock.ts';
import type { GithubSource } from '../ports/github.ts';
import type { StoredWriteAction } from '../ports/github-store.ts';
import type { Logger } from '../ports/logger.ts';
import type { Store } from '../ports/store.ts';

export interface ApplyWriteBackDeps {
  github: GithubSource;
  store: Store;
  clock: Clock;
  logger: Logger;
}

export type WriteOutcome = 'applied' | 'already-there' | 'would-apply' | 'failed';

export interface WriteBackResult {
  /** `dry-run`: nothing was sent to GitHub (write-back off or `--dry-run`). */
  mode: 'applied' | 'dry-run';
  actions: { action: StoredWriteAction; outcome: WriteOutcome; error: string | null }[];
}

/** Errors that say "stop for now" rather than "this action cannot be done". */
function isTransient(error: unknown): boolean {
  const kind = (error as { kind?: string }).kind;
  return kind === 'rate-limited' || kind === 'secondary-limit' || kind === 'server' || kind === 'malformed';
}

async function applyOne(
  deps: ApplyWriteBackDeps,
  action: StoredWriteAction,
): Promise<{ outcome: WriteOutcome; error: string | null }> {
  const [owner = '', name = ''] = action.repo.split('/');
  const target = await deps.github.labelTarget({ owner, name }, action.issueNumber, action.label);
  if (!target.issueId)
    return {
      outcome: 'failed',
      error: `${action.repo}#${action.issueNumber} does not exist or is not an issue`,
    };
  if (target.labels.includes(action.label)) {
    deps.store.githubWriteBack.markApplied(action.key, deps.clock.now());
    return { outcome: 'already-there', error: null };
  }
  if (!target.labelId)
    return {
      outcome: 'failed',
      error: `${action.repo} has no label "${action.label}"; create it on GitHub or fix github.labels.approved`,
    };
  await deps.github.addLabels(target.issueId, [target.labelId]);
  deps.store.githubWriteBack.markApplied(action.key, deps.clock.now());
  return { outcome: 'applied', error: null };
}

/**
 * Applies the planned write-back actions when `enabled` (config `github.writeBack` and not a dry run);
 * otherwise lists them as `would-apply`. Each applied action is marked at once, and an action whose
 * label is already on the issue is marked without a write, so nothing is ever applied twice.
 * A rate limit or server failure stops here; the rest stay planned for the next run.
 */
export async function applyWriteBack(
  deps: ApplyWriteBackDeps,
  options: { enabled: boolean },
): Promise<WriteBackResult> {
  const planned = deps.store.githubWriteBack.list('planned');
  if (!options.enabled) {
    return {
      mode: 'dry-run',
      actions: planned.map((action) => ({ action, outcome: 'would-apply', error: null })),
    };
  }
  const actions: WriteBackResult['actions'] = [];
  for (const action of planned) {
    try {
      const { outcome, error } = await applyOne(deps, action);
      if (error) deps.store.githubWriteBack.markFailed(action.key, error);
      actions.push({ action: deps.store.githubWriteBack.get(action.key) ?? action, outcome, error });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      deps.store.githubWriteBack.markFailed(action.key, message);
      deps.logger.warn('write-back action failed', { key: action.key, error: message });
      actions.push({ action, outcome: 'failed', error: message });
      if (isTransient(error)) break;
    }
  }
  return { mode: 'applied', actions };
}
