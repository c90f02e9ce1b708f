/**
 * Escalation messages as Block Kit: the ladder's posts (PM channel and other channels, with the
 * Acknowledge / Snooze 1 day / Resolved buttons), the blocking SIG's notice, DMs, the release lead's
 * mention, resolution replies and the cycle notice. Pure functions of plain data; every user or
 * GitHub text is escaped.
 */
import type { KnownBlock } from '@slack/types';
import type { BlockerRow } from '../../app/list-blockers.ts';
import { type LadderStep, ladderTargetLabel } from '../../domain/escalation-ladder.ts';
import type { RepoLinks } from '../../domain/repo-links.ts';
import type {
  CycleModel,
  EscalationContent,
  EscalationItem,
  EscalationMessageModel,
  EscalationMessages,
  ResolutionModel,
} from '../../ports/escalation.ts';
import { escapeMrkdwn, link, mentionUser, truncate } from '../escape.ts';
import { actions } from '../ids.ts';
import { boundedSection, context } from './block-kit.ts';

const maxItems = 20;

const kepRef = (n: number, repo: RepoLinks) => link(repo.issue(n), `KEP-${n}`);
const utc = (at: Date) => `${at.toISOString().slice(0, 16).replace('T', ' ')} UTC`;

function kepLine(item: EscalationItem, repo: RepoLinks): string {
  return `${kepRef(item.kep.number, repo)} ${escapeMrkdwn(truncate(item.kep.title, 120))} (${escapeMrkdwn(item.kep.sig)})`;
}

/** The facts of one blocker: what blocks what, who said so, how long, what is at risk, who depends on it. */
export function itemText(item: EscalationItem, full: boolean, repo: RepoLinks): string {
  const lines = [
    `${item.open ? ':no_entry:' : ':white_check_mark:'} ${kepLine(item, repo)} waits on *${escapeMrkdwn(item.waitsOn)}*`,
  ];
  lines.push(`Declared by ${mentionUser(item.declaredBy)} · open ${item.age}`);
  if (full) {
    if (item.milestoneAtRisk)
      lines.push(
        `Milestone at risk: *${escapeMrkdwn(item.milestoneAtRisk.name)}* (${utc(item.milestoneAtRisk.at)})`,
      );
    if (item.dependents.length > 0) {
      const chains = item.dependents.map((path) =>
        [...path, item.kep.number].map((n) => `KEP-${n}`).join(' → '),
      );
      lines.push(`Also waiting (through KEP-${item.kep.number}): ${chains.join('; ')}`);
    }
    if (item.relationship) lines.push(`Known relationship: ${escapeMrkdwn(item.relationship)}`);
    if (item.party.kind === 'none')
      lines.push(`No SIG owns ${escapeMrkdwn(item.party.name)}, so this came straight to the PM channel.`);
  }
  if (!item.open)
    lines.push(
      `Resolved${item.closedBy ? ` by ${mentionUser(item.closedBy)}` : ''}: ${escapeMrkdwn(item.closeReason ?? '')}`,
    );
  else {
    if (item.acknowledgedBy) lines.push(`:eyes: ${mentionUser(item.acknowledgedBy)} is on it`);
    if (item.snoozedUntil) lines.push(`:zzz: Snoozed until ${utc(item.snoozedUntil)}`);
  }
  return lines.join('\n');
}

function intro(m: EscalationMessageModel): string {
  const party = `*${escapeMrkdwn(m.partyLabel)}*`;
  const count = m.items.length === 1 ? 'a KEP' : `${m.items.length} KEPs`;
  const mentions = m.mention.map(mentionUser).join(' ');
  switch (m.kind) {
    case 'sig':
      return `:construction: ${mentions ? `${mentions}: ` : ''}${party} is blocking ${count} in ${escapeMrkdwn(m.release)}. Can you help unblock it?`;
    case 'dm':
      return `:construction: Your SIG's ${count === 'a KEP' ? 'KEP is' : 'KEPs are'} still blocked on ${party}; Drumbeat is escalating it (step ${m.step + 1}).`;
    case 'lead':
      return `:rotating_light: ${mentions ? `${mentions}: ` : ''}still blocked on ${party} after step ${m.step + 1} of the escalation ladder; please help untangle it.`;
    case 'post':
      return `:rotating_light: *Blocked dependency:* ${party} is blocking ${count} in ${escapeMrkdwn(m.release)}.`;
  }
}

function buttons(key: string): KnownBlock {
  const button = (actionId: string, label: string, style?: 'primary') => ({
    type: 'button' as const,
    action_id: actionId,
    text: { type: 'plain_text' as const, text: label },
    value: key,
    ...(style ? { style } : {}),
  });
  return {
    type: 'actions',
    block_id: `blocker:${truncate(key, 200)}`,
    elements: [
      button(actions.blockerAcknowledge, 'Acknowledge'),
      button(actions.blockerSnooze, 'Snooze 1 day'),
      button(actions.blockerResolve, 'Resolved', 'primary'),
    ],
  };
}

/** A ladder message: one blocker or a fan-out group with the same blocking party. */
export function buildEscalationMessage(m: EscalationMessageModel, repo: RepoLinks): EscalationContent {
  const full = m.kind === 'post';
  const shown = m.items.slice(0, maxItems);
  const blocks: KnownBlock[] = [
    boundedSection(intro(m)),
    ...shown.map((item) => boundedSection(itemText(item, full, repo))),
  ];
  if (m.items.length > shown.length) blocks.push(context(`…and ${m.items.length - shown.length} more.`));
  const open = m.items.filter((i) => i.open).length;
  if (full && open > 0) blocks.push(buttons(m.key));
  if (full && open === 0) blocks.push(context(':white_check_mark: Every blocker here is resolved.'));
  const keps = m.items.map((i) => `KEP-${i.kep.number}`).join(', ');
  return { text: truncate(escapeMrkdwn(`Blocked on ${m.partyLabel}: ${keps}`), 300), blocks };
}

/** The reply in every thread that heard of a blocker once it is resolved (or its KEP dropped). */
export function buildResolution(m: ResolutionModel, repo: RepoLinks): EscalationContent {
  const { item } = m;
  const text = m.dropped
    ? `:wastebasket: ${kepRef(item.kep.number, repo)} left ${escapeMrkdwn(m.release)}, so its blocker on *${escapeMrkdwn(item.waitsOn)}* is closed (${escapeMrkdwn(item.closeReason ?? 'dropped')}).`
    : `:white_check_mark: Resolved: ${kepRef(item.kep.number, repo)} no longer waits on *${escapeMrkdwn(item.waitsOn)}*${item.closedBy && item.closedBy !== 'drumbeat' ? ` (${mentionUser(item.closedBy)})` : ''}. Open ${item.age}.`;
  return {
    text: m.dropped
      ? `KEP-${item.kep.number} dropped; blocker closed`
      : `Resolved: KEP-${item.kep.number} unblocked`,
    blocks: [boundedSection(text)],
  };
}

/** The one-time notice of a dependency cycle in the PM channel. */
export function buildCycleNotice(m: CycleModel, repo: RepoLinks): EscalationContent {
  const blocks: KnownBlock[] = [
    boundedSection(
      `:repeat: *Dependency cycle in ${escapeMrkdwn(m.release)}:* ${escapeMrkdwn(m.cycle)}. Each KEP waits on the next, so none can move until one of them changes plan. These blockers stop climbing the escalation ladder here; please untangle them at the PM meeting.`,
    ),
    ...m.items.slice(0, maxItems).map((item) => boundedSection(itemText(item, false, repo))),
  ];
  return { text: truncate(`Dependency cycle: ${m.cycle}`, 300), blocks };
}

/** The one notice, in the cycle notice's thread, that the cycle is gone. */
export function buildCycleBrokenNotice(m: CycleModel, repo: RepoLinks): EscalationContent {
  const blocks: KnownBlock[] = [
    boundedSection(
      `:arrow_forward: *Dependency cycle broken in ${escapeMrkdwn(m.release)}:* ${escapeMrkdwn(m.cycle)} no longer loops. The blockers still open climb the escalation ladder again from their age.`,
    ),
    ...m.items.slice(0, maxItems).map((item) => boundedSection(itemText(item, false, repo))),
  ];
  return { text: truncate(`Dependency cycle broken: ${m.cycle}`, 300), blocks };
}

/** The EscalationMessages port, as Block Kit; KEPs link to their issues in the enhancements `repo`. */
export function createEscalationMessages(repo: RepoLinks): EscalationMessages {
  return {
    message: (m) => buildEscalationMessage(m, repo),
    resolution: (m) => buildResolution(m, repo),
    cycle: (m) => buildCycleNotice(m, repo),
    cycleBroken: (m) => buildCycleBrokenNotice(m, repo),
  };
}

/** Where a blocker stands on the ladder, for `/kep-status blockers`: age, step, who is on it, what is next. */
export function describeLadderPlace(row: BlockerRow, ladder: LadderStep[]): string {
  const parts = [`open ${row.age}`];
  const notified = (i: number) => ladder[i]?.notify.map(ladderTargetLabel).join(' + ') ?? '';
  if (row.inCycle) parts.push('part of a dependency cycle (called out in the PM channel)');
  else {
    if (row.cycleBroken) parts.push('dependency cycle broken, climbing again');
    if (row.step < 0) parts.push(`not escalated yet (0/${row.steps})`);
    else parts.push(`step ${row.step + 1}/${row.steps} (${notified(row.step)})`);
  }
  if (row.acknowledgedBy) parts.push(`${mentionUser(row.acknowledgedBy)} is on it`);
  if (row.snoozedUntil) parts.push(`snoozed until ${utc(row.snoozedUntil)}`);
  if (row.nextStepAt) {
    const next = ladder.findIndex((_, i) => i > row.step);
    parts.push(`next: ${notified(next)} at ${utc(row.nextStepAt)}`);
  }
  return parts.join(' · ');
}
