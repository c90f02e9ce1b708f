/**
 * The release team removes a KEP from the release milestone from Slack, or restores it: checked
 * against the release team, recorded once (twice = once), told once in the SIG channel (in the
 * round's or the day's status thread), and, with write-back on, the handbook's label and milestone
 * changes planned for the next sync (plus the board's Status when a board is configured).
 */
import { planBoardFieldActions } from '../domain/board-exception.ts';
import {
  boardDisagreement,
  type MilestoneRemoval,
  planRemovalActions,
  removalActionKeys,
  removeUsage,
  shortenReason,
} from '../domain/milestone-removal.ts';
import { isInRelease } from '../domain/release-membership.ts';
import type { TrackingStatus } from '../domain/tracking-status.ts';
import type { RemovalDeps, RemovalNotice } from '../ports/removal.ts';
import type { StoredKep } from '../ports/store.ts';
import { authorize } from './authorize.ts';
import { boardStatusFor } from './removed-keps.ts';
import { resolveKep } from './resolve-kep.ts';

export type RemovalTarget = { ok: true; kep: StoredKep } | { ok: false; message: string };

export type RemovalResult =
  | {
      ok: true;
      kep: StoredKep;
      removal: MilestoneRemoval;
      /** False when nothing changed (already removed, or already restored). */
      changed: boolean;
      /** The synced board's Status when it disagrees: the board wins. */
      board: TrackingStatus | null;
      /** Write-back actions planned by this call. */
      planned: number;
    }
  | { ok: false; message: string };

/** May `by` remove or restore `kep`, and is it a KEP of the release? (Asked before the confirm step.) */
export function removalTarget(deps: RemovalDeps, input: { kep: number; by: string }): RemovalTarget {
  const { store, settings } = deps;
  const allowed = authorize(store.people, settings.permissions, input.by, { kind: 'milestone-removal' });
  if (!allowed.ok) return allowed;
  const lookup = resolveKep(store, input.kep, settings.release, settings.repo);
  if (!lookup.ok) return { ok: false, message: lookup.message };
  if (!isInRelease(lookup.kep, settings.release))
    return {
      ok: false,
      message: `KEP-${input.kep} is not in ${settings.release}, so it has no milestone to leave.`,
    };
  return { ok: true, kep: lookup.kep };
}

function disagreement(deps: RemovalDeps, removal: MilestoneRemoval): TrackingStatus | null {
  const status = boardStatusFor(deps.store, removal.board, removal.kepNumber);
  return status === undefined ? null : boardDisagreement(removal, status);
}

/** Records the removal (once), tells the SIG channel and plans the write-back. */
export async function removeFromMilestone(
  deps: RemovalDeps,
  input: { kep: number; reason: string; by: string },
): Promise<RemovalResult> {
  const target = removalTarget(deps, input);
  if (!target.ok) return target;
  const reason = shortenReason(input.reason);
  if (reason === '') return { ok: false, message: `Say why the KEP is removed. ${removeUsage}` };
  const { kep } = target;
  const now = deps.clock.now();
  const { removal, created } = deps.store.milestoneRemovals.remove({
    release: deps.settings.release,
    kepNumber: kep.number,
    kepPath: kep.path,
    sig: kep.owningSig,
    reason,
    removedBy: input.by,
    removedAt: now.toISOString(),
    board: deps.settings.board?.key ?? null,
  });
  const board = disagreement(deps, removal);
  if (!created) return { ok: true, kep, removal, changed: false, board, planned: 0 };
  const planned = planRemoval(deps, removal, now);
  await tell(deps, { direction: 'remove', kep, removal, board });
  deps.logger.info('KEP removed from the milestone', { kep: kep.number, removal: removal.id, planned });
  return { ok: true, kep, removal, changed: true, board, planned };
}

/** Undoes the removal in force (once), tells the SIG channel and plans the write-back. */
export async function restoreToMilestone(
  deps: RemovalDeps,
  input: { kep: number; by: string },
): Promise<RemovalResult> {
  const target = removalTarget(deps, input);
  if (!target.ok) return target;
  const { kep } = target;
  const now = deps.clock.now();
  const removal = deps.store.milestoneRemovals.restore(deps.settings.release, kep.path, input.by, now);
  if (!removal)
    return {
      ok: false,
      message: `KEP-${kep.number} is not removed from the ${deps.settings.release} milestone in Drumbeat, so there is nothing to restore.`,
    };
  const board = disagreement(deps, removal);
  const planned = planRestore(deps, removal, now);
  await tell(deps, { direction: 'restore', kep, removal, board });
  deps.logger.info('KEP restored to the milestone', { kep: kep.number, removal: removal.id, planned });
  return { ok: true, kep, removal, changed: true, board, planned };
}

function planInput(deps: RemovalDeps, removal: MilestoneRemoval, direction: 'remove' | 'restore') {
  const { settings } = deps;
  return { direction, repo: settings.repo, release: settings.release, labels: settings.labels, removal };
}

/** The board Status action of a removal, keyed by the removal so a later removal plans its own. */
function boardStatusActions(deps: RemovalDeps, removal: MilestoneRemoval) {
  const board = deps.settings.board;
  if (!board) return [];
  return planBoardFieldActions({
    repo: deps.settings.repo,
    issueNumber: removal.kepNumber,
    wanted: { status: 'Removed From Milestone' },
    names: board.names,
    current: {},
    reason: `removed from the ${deps.settings.release} milestone in Slack (removal #${removal.id})`,
  }).map((a) => ({ ...a, key: `${a.key}@remove:${removal.id}` }));
}

function planRemoval(deps: RemovalDeps, removal: MilestoneRemoval, now: Date): number {
  if (!deps.settings.writeBack) return 0;
  const actions = [
    ...planRemovalActions(planInput(deps, removal, 'remove')),
    ...boardStatusActions(deps, removal),
  ];
  return deps.store.githubWriteBack.plan(actions, now).filter((p) => p.created).length;
}

/**
 * Drops the removal's actions not applied yet; when some were applied, plans the handbook's
 * re-adding commands (the applier skips those whose effect is already on the issue).
 */
function planRestore(deps: RemovalDeps, removal: MilestoneRemoval, now: Date): number {
  const keys = [
    ...removalActionKeys(planInput(deps, removal, 'remove')),
    ...boardStatusActions(deps, removal).map((a) => a.key),
  ];
  deps.store.githubWriteBack.unplan(keys);
  const applied = keys.some((key) => deps.store.githubWriteBack.get(key)?.state === 'applied');
  if (!applied || !deps.settings.writeBack) return 0;
  const actions = planRemovalActions(planInput(deps, removal, 'restore'));
  return deps.store.githubWriteBack.plan(actions, now).filter((p) => p.created).length;
}

/** One notice in the SIG channel: in the open round's thread, else a post of its own. */
async function tell(deps: RemovalDeps, notice: RemovalNotice): Promise<void> {
  const sig = notice.kep.owningSig;
  const channel = sig ? deps.sigChannel(sig) : null;
  if (!sig || !channel) return;
  const key = `milestone-${notice.direction}:${notice.removal.id}`;
  const thread = deps.roundThread(sig);
  const content = deps.messages.notice(notice);
  await deps.chat.post(
    thread
      ? { key, lane: 'interactive', threadOf: thread, ...content }
      : { key, lane: 'interactive', channel, ...content },
  );
}
