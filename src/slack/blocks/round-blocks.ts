import type { KnownBlock } from '@slack/types';
import { formatAge } from '../../domain/age.ts';
import { kepStateEmoji } from '../../domain/kep-state.ts';
import type { RepoLinks } from '../../domain/repo-links.ts';
import type { RoundKepRow, RoundParentModel, RoundSummaryModel } from '../../ports/schedule.ts';
import { escapeMrkdwn, mentionUser, truncate } from '../escape.ts';
import { actions, blocks as blockIds } from '../ids.ts';
import { context, header, section } from './block-kit.ts';
import { kepLabel } from './kep-status-blocks.ts';
import { readerTime } from './schedule-text.ts';

/** One KEP with its latest state, age and confidence, and an Update button (value: KEP number). */
export function buildRoundKepBlock(row: RoundKepRow, index: number, now: Date, repo: RepoLinks): KnownBlock {
  const state = row.state
    ? `${kepStateEmoji[row.state]} *${row.state}*${row.confidence === null ? '' : ` · ${row.confidence}% confidence`} · updated ${formatAge(row.updatedAt ?? now, now)} ago`
    : ':white_circle: no update yet in this release';
  return {
    type: 'section',
    block_id: `${blockIds.roundPrefix}:${row.number}:${index}`,
    text: { type: 'mrkdwn', text: truncate(`${kepLabel(row, repo)}\n${state}`, 3000) },
    accessory: {
      type: 'button',
      action_id: actions.roundUpdateKep,
      text: { type: 'plain_text', text: 'Update' },
      value: String(row.number),
    },
  };
}

/** The parent message of a round: every KEP of the SIG in the release, each with an Update button. */
export function buildRoundParent(model: RoundParentModel, repo: RepoLinks): KnownBlock[] {
  const sig = escapeMrkdwn(model.sigName);
  const intro = `Status round for *${sig}* (${escapeMrkdwn(model.sig)}), ${escapeMrkdwn(model.release)}. Please update each KEP below by ${readerTime(model.closeAt)}: press *Update*, or use \`/kep-status\`. Updates during the round are posted in this thread.`;
  const list =
    model.rows.length === 0
      ? [
          section(
            `No KEP owned by ${escapeMrkdwn(model.sig)} has \`latest-milestone: ${escapeMrkdwn(model.release)}\`. If one should, fix its kep.yaml or tell the enhancements team.`,
          ),
        ]
      : model.rows.map((row, i) => buildRoundKepBlock(row, i, model.openedAt, repo));
  return [
    header(`${model.sigName} drumbeat · ${model.release}`),
    section(intro),
    context(
      `${model.rows.length} KEP${model.rows.length === 1 ? '' : 's'} · facilitators without an update get a DM at ${readerTime(model.nudgeAt, '{date_short_pretty} {time}')} · the round closes ${readerTime(model.closeAt, '{date_short_pretty} {time}')}`,
    ),
    { type: 'divider' },
    ...list,
  ];
}

const person = (p: { slack: string | null; github: string | null }) =>
  p.slack ? mentionUser(p.slack) : escapeMrkdwn(`@${p.github ?? '?'} (GitHub)`);

/** The reply that closes a round: who updated, what changed, what is stale, who was away. */
export function buildRoundSummary(model: RoundSummaryModel, repo: RepoLinks): KnownBlock[] {
  const s = model.summary;
  const lines: string[] = [];
  lines.push(
    s.updatedBy.length > 0
      ? `*Updated by:* ${s.updatedBy.map((u) => `${person(u)} (${u.count})`).join(', ')}`
      : '*Updated by:* nobody this round.',
  );
  if (s.changes.length > 0) {
    lines.push('*What changed:*');
    for (const c of s.changes)
      lines.push(
        `• ${kepLabel(c.kep, repo)}: ${c.from ? `${c.from} → ` : 'first report: '}${kepStateEmoji[c.to]} *${c.to}*`,
      );
  } else lines.push('*What changed:* no state changed.');
  if (s.stale.length > 0) {
    lines.push(`*Stale* (no update for the whole round, ${s.stale.length} of ${model.kepCount}):`);
    for (const k of s.stale) lines.push(`• ${kepLabel(k, repo)}`);
  } else if (model.kepCount > 0) lines.push('*Stale:* none, every KEP got an update.');
  if (s.missing.length > 0) lines.push(`*No update from:* ${s.missing.map(person).join(', ')}`);
  if (s.away.length > 0)
    lines.push(
      `*Away:* ${s.away.map((a) => `${person(a)} (out of office until ${a.until.slice(0, 10)})`).join(', ')}`,
    );
  return [
    header(`Round closed · ${model.sigName} · ${model.release}`),
    section(lines.join('\n')),
    context(
      `Round opened ${readerTime(model.openedAt, '{date_short_pretty} {time}')}, closed ${readerTime(model.closedAt, '{date_short_pretty} {time}')}.`,
    ),
  ];
}
