/**
 * Removing a KEP from the milestone in Slack: the confirm step (a button with Slack's confirm
 * dialog), the notice in the SIG channel, and the answer to who acted. User text (titles, reasons)
 * is escaped here.
 */
import type { KnownBlock } from '@slack/types';
import type { RepoLinks } from '../../domain/repo-links.ts';
import type { ChatContent } from '../../ports/chat.ts';
import type { RemovalMessages, RemovalNotice } from '../../ports/removal.ts';
import type { StoredKep } from '../../ports/store.ts';
import { escapeMrkdwn, mentionUser, truncate } from '../escape.ts';
import { actions } from '../ids.ts';
import { boundedSection, context, plainText } from './block-kit.ts';
import { LIMITS } from './block-limits.ts';
import { kepLabel } from './kep-status-blocks.ts';

/** What a remove or restore button carries back: the KEP number and, for a removal, the reason. */
export interface RemovalButtonValue {
  kep: number;
  reason?: string;
  /** ISO instant before which the removal is refused (the freeze, for the deadline alert's menu). */
  after?: string;
}

/** Reads a button's value; null when it is not one this bot made. */
export function parseRemovalButtonValue(value: string | undefined): RemovalButtonValue | null {
  try {
    const parsed = JSON.parse(value ?? '') as { kep?: unknown; reason?: unknown; after?: unknown };
    if (!Number.isInteger(parsed.kep) || (parsed.kep as number) <= 0) return null;
    const reason = typeof parsed.reason === 'string' ? parsed.reason : undefined;
    const after = typeof parsed.after === 'string' ? parsed.after : undefined;
    return {
      kep: parsed.kep as number,
      ...(reason !== undefined ? { reason } : {}),
      ...(after !== undefined ? { after } : {}),
    };
  } catch {
    return null;
  }
}

/** The ephemeral confirm step of `/drumbeat remove` and `/drumbeat restore`. */
export function buildRemovalConfirm(
  input: { direction: 'remove' | 'restore'; kep: StoredKep; release: string; reason?: string },
  repo: RepoLinks,
): ChatContent & { blocks: KnownBlock[] } {
  const { kep, release, direction } = input;
  const remove = direction === 'remove';
  const question = remove
    ? `Remove KEP-${kep.number} from the ${release} milestone? Reason: ${input.reason ?? ''}`
    : `Restore KEP-${kep.number} to the ${release} milestone?`;
  const lines = remove
    ? [
        `Remove ${kepLabel(kep, repo)} from the *${escapeMrkdwn(release)}* milestone?`,
        `*Reason:* ${escapeMrkdwn(input.reason ?? '')}`,
        'Its tracking Status becomes *Removed From Milestone* everywhere, drumbeat rounds stop asking about it and its SIG channel is told.',
      ]
    : [
        `Restore ${kepLabel(kep, repo)} to the *${escapeMrkdwn(release)}* milestone?`,
        'Its tracking Status is computed again from its readiness, and drumbeat rounds ask about it again.',
      ];
  const value: RemovalButtonValue = remove
    ? { kep: kep.number, reason: input.reason ?? '' }
    : { kep: kep.number };
  const button = {
    type: 'button' as const,
    action_id: remove ? actions.milestoneRemove : actions.milestoneRestore,
    text: plainText(remove ? 'Remove from milestone' : 'Restore to milestone'),
    value: JSON.stringify(value),
    ...(remove ? { style: 'danger' as const } : {}),
    confirm: {
      title: plainText(remove ? 'Remove from milestone?' : 'Restore to milestone?'),
      text: plainText(truncate(question, LIMITS.confirmText)),
      confirm: plainText(remove ? 'Remove' : 'Restore'),
      deny: plainText('Cancel'),
    },
  };
  return {
    text: escapeMrkdwn(question),
    blocks: [boundedSection(lines.join('\n')), { type: 'actions', elements: [button] }],
  };
}

function boardLine(notice: RemovalNotice): string | null {
  if (!notice.board) return null;
  return `The tracking board says *${notice.board}*, and the board's Status is what counts until it is changed there.`;
}

/** The notice in the SIG channel. */
export function buildRemovalNotice(notice: RemovalNotice, repo: RepoLinks): ChatContent {
  const { kep, removal } = notice;
  const remove = notice.direction === 'remove';
  const who = mentionUser(remove ? removal.removedBy : (removal.undoneBy ?? removal.removedBy));
  const head = remove
    ? `:no_entry: ${kepLabel(kep, repo)} was removed from the *${escapeMrkdwn(removal.release)}* milestone by ${who}.`
    : `:leftwards_arrow_with_hook: ${kepLabel(kep, repo)} was restored to the *${escapeMrkdwn(removal.release)}* milestone by ${who}.`;
  const lines = [
    head,
    ...(remove ? [`*Reason:* ${escapeMrkdwn(removal.reason)}`] : []),
    ...(remove
      ? ['Its tracking Status is *Removed From Milestone*; drumbeat rounds no longer ask about it.']
      : []),
  ];
  const board = boardLine(notice);
  const blocks: KnownBlock[] = [boundedSection(lines.join('\n'))];
  if (board) blocks.push(context(board));
  const text = remove
    ? `KEP-${kep.number} was removed from the ${removal.release} milestone. Reason: ${removal.reason}`
    : `KEP-${kep.number} was restored to the ${removal.release} milestone.`;
  return { text: escapeMrkdwn(text), blocks };
}

/** The removal notices; KEPs link to their issues in the enhancements `repo`. */
export function createRemovalMessages(repo: RepoLinks): RemovalMessages {
  return { notice: (notice) => buildRemovalNotice(notice, repo) };
}
