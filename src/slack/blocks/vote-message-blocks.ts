import type { KnownBlock } from '@slack/types';
import type { RepoLinks } from '../../domain/repo-links.ts';
import { describeQuorum, type VoteValue, voteLegend, voteValues } from '../../domain/vote.ts';
import { electorateLabel } from '../../domain/vote-command.ts';
import type { MessageLocation, VoteView } from '../../ports/vote-messages.ts';
import type { StoredBallot, StoredConcern, VoteRecord } from '../../ports/vote-store.ts';
import {
  escapeMrkdwn,
  formatDate,
  link,
  mentionChannel,
  mentionUser,
  mentionUserGroup,
  truncate,
} from '../escape.ts';
import { actions, blocks as blockIds, voteCastAction } from '../ids.ts';
import { boundedSection, context } from './block-kit.ts';

/** A message body: `text` is the notification fallback, `blocks` what people see. */
export interface VoteMessageBody {
  text: string;
  blocks: KnownBlock[];
}

const fingers: Record<VoteValue, string> = { 0: '✊', 1: '☝️', 2: '✌️', 3: '🤟', 4: '🖖', 5: '🖐️' };

const button = (actionId: string, text: string, value: string, style?: 'primary' | 'danger') => ({
  type: 'button' as const,
  action_id: actionId,
  text: { type: 'plain_text' as const, text, emoji: true },
  value,
  ...(style ? { style } : {}),
});

const when = (iso: string) => {
  const seconds = Math.floor(Date.parse(iso) / 1000);
  return formatDate(seconds, '{date_short_pretty} at {time}', `${iso.slice(0, 16).replace('T', ' ')} UTC`);
};

/** The legend of 0–5, one line. */
export function voteLegendText(): string {
  return voteValues.map((v) => `*${v}* ${fingers[v]} ${voteLegend[v]}`).join(' · ');
}

function questionLine(view: VoteView): string {
  const round = view.round.number > 1 ? ` — re-vote, round ${view.round.number}` : '';
  return `:raised_hand: *Fist-to-five${round}:* ${escapeMrkdwn(view.vote.question)}`;
}

function planLine(vote: VoteRecord, repo: RepoLinks): string | null {
  const parts: string[] = [];
  if (vote.link) parts.push(`Plan: ${link(vote.link, 'the plan')}`);
  if (vote.kepIssues.length > 0)
    parts.push(
      `KEPs: ${vote.kepIssues
        .slice(0, 40)
        .map((n) => link(repo.issue(n), `#${n}`))
        .join(', ')}`,
    );
  return parts.length > 0 ? parts.join(' · ') : null;
}

function electorateText(vote: VoteRecord, size: number): string {
  const source =
    vote.electorateKind === 'channel' && vote.electorateSource
      ? `members of ${mentionChannel(vote.electorateSource)}`
      : vote.electorateKind === 'usergroup' && vote.electorateSource
        ? `members of ${mentionUserGroup(vote.electorateSource)}`
        : electorateLabel[vote.electorateKind];
  return `${size} ${size === 1 ? 'person' : 'people'} (${source})`;
}

function settingsLine(view: VoteView): string {
  const { vote, round, decision } = view;
  const closes = round.closedAt ? `Closed ${when(round.closedAt)}` : `Closes ${when(round.closesAt)}`;
  const quorum = `quorum ${describeQuorum(vote.quorum)} (${decision.needed})`;
  const values = vote.hideValues ? 'values shown at close' : 'open vote: values shown';
  return `${closes} · Electorate: ${electorateText(vote, view.electors.length)} · ${quorum} · ${values} · started by ${mentionUser(vote.owner)}`;
}

/** Mentions, each with its value when shown, cut to fit one section with "and N more". */
export function voterList(ballots: readonly StoredBallot[], showValues: boolean, max = 2800): string {
  const items = ballots.map((b) =>
    showValues ? `${mentionUser(b.voter)} ${b.value}` : mentionUser(b.voter),
  );
  const shown: string[] = [];
  let length = 0;
  for (const [i, item] of items.entries()) {
    const rest = items.length - i;
    if (length + item.length + 2 > max - 20) {
      shown.push(`and ${rest} more`);
      break;
    }
    shown.push(item);
    length += item.length + 2;
  }
  return shown.join(', ');
}

function tallyText(view: VoteView): string {
  const { decision, ballots, vote } = view;
  const voted = `*Voted: ${decision.counted} of ${decision.electorate}*`;
  if (ballots.length === 0) return `${voted} — nobody yet.`;
  const showValues = !vote.hideValues;
  return `${voted}: ${voterList(ballots, showValues)}`;
}

function histogramText(view: VoteView): string {
  return voteValues
    .filter((v) => view.decision.histogram[v] > 0)
    .map((v) => `${v} ${fingers[v]} × ${view.decision.histogram[v]}`)
    .join(' · ');
}

/** The outcome of a closed round, in one line. */
export function outcomeText(view: VoteView): string {
  const { decision, round } = view;
  const how =
    round.closeReason === 'owner'
      ? 'closed early by its owner'
      : round.closeReason === 'all-voted'
        ? 'everyone voted'
        : 'deadline reached';
  if (decision.approved)
    return `:white_check_mark: *Approved* (${how}): ${decision.counted} of ${decision.electorate} voted, every ballot 3 or more.`;
  const reasons: string[] = [];
  if (!decision.quorumMet)
    reasons.push(`quorum missed: ${decision.counted} voted, ${decision.needed} needed`);
  if (decision.low.length > 0)
    reasons.push(`${decision.low.length} ballot${decision.low.length === 1 ? '' : 's'} at 2 or less`);
  return `:x: *Not approved* (${how}): ${reasons.join('; ')}.`;
}

/**
 * The vote message: open with buttons and who voted, or closed with the result and the values. The
 * plan's KEPs link to their issues in the enhancements `repo`.
 */
export function buildVoteMessage(view: VoteView, _now: Date, repo: RepoLinks): VoteMessageBody {
  const { vote, round } = view;
  const open = round.closedAt === null;
  const out: KnownBlock[] = [boundedSection(questionLine(view))];
  if (view.previous)
    out.push(context(`Round ${view.previous.number} was not approved; this round has the same electorate.`));
  const plan = planLine(vote, repo);
  if (plan) out.push(boundedSection(plan));
  out.push(context(settingsLine(view)));
  if (open) {
    out.push(context(voteLegendText()));
    out.push({
      type: 'actions',
      block_id: `${blockIds.votePrefix}:${round.id}:cast`,
      elements: voteValues.map((v) => button(voteCastAction(v), `${v} ${fingers[v]}`, String(round.id))),
    });
    out.push(boundedSection(tallyText(view)));
    out.push({
      type: 'actions',
      block_id: `${blockIds.votePrefix}:${round.id}:owner`,
      elements: [button(actions.voteClose, 'Close now', String(round.id), 'danger')],
    });
  } else {
    out.push(boundedSection(outcomeText(view)));
    const histogram = histogramText(view);
    if (histogram) out.push(context(histogram));
    if (view.ballots.length > 0) out.push(boundedSection(`*Ballots:* ${voterList(view.ballots, true)}`));
  }
  const state = open ? 'open' : round.outcome === 'approved' ? 'approved' : 'not approved';
  return { text: truncate(`Fist-to-five (${state}): ${escapeMrkdwn(vote.question)}`, 3000), blocks: out };
}

function concernLines(concerns: readonly StoredConcern[], max: number): string[] {
  const lines = concerns.map(
    (c) =>
      `• ${mentionUser(c.voter)} (${c.value}): ${escapeMrkdwn(truncate(c.text.replace(/\s+/g, ' '), 400))}`,
  );
  return lines.length > max
    ? [...lines.slice(0, max), `…and ${lines.length - max} more in the thread above.`]
    : lines;
}

/** The result reply in the thread: outcome, open concerns, and a Re-vote button when not approved. */
export function buildVoteResult(view: VoteView): VoteMessageBody {
  const out: KnownBlock[] = [
    boundedSection(`${outcomeText(view)}\n> ${escapeMrkdwn(truncate(view.vote.question, 300))}`),
  ];
  const open = view.concerns.filter(
    (c) => c.resolvedAt === null && view.decision.low.some((b) => b.voter === c.voter),
  );
  if (open.length > 0)
    out.push(boundedSection(`*Concerns to address:*\n${concernLines(open, 20).join('\n')}`));
  if (view.decision.missing.length > 0 && !view.decision.approved)
    out.push(context(`Did not vote: ${view.decision.missing.length} of ${view.decision.electorate}.`));
  if (view.vote.kepIssues.length > 0 && view.decision.approved)
    out.push(context(`The approved label is planned for ${view.vote.kepIssues.length} KEP issue(s).`));
  if (!view.decision.approved) {
    out.push(
      context(`${mentionUser(view.vote.owner)}: rework the plan, then start a re-vote in this thread.`),
    );
    out.push({
      type: 'actions',
      block_id: `${blockIds.votePrefix}:${view.round.id}:result`,
      elements: [button(actions.voteRevote, 'Re-vote', String(view.round.id), 'primary')],
    });
  }
  const text = view.decision.approved ? 'Approved' : 'Not approved';
  return { text: `${text}: ${truncate(escapeMrkdwn(view.vote.question), 200)}`, blocks: out };
}

/** A concern as posted in the thread, under the voter's name (the value only when values are shown). */
export function buildConcernPost(view: VoteView, concern: StoredConcern): VoteMessageBody {
  const value = view.vote.hideValues ? '' : ` (${concern.value} — ${voteLegend[concern.value]})`;
  const quoted = escapeMrkdwn(concern.text).replace(/\n/g, '\n> ');
  return {
    text: 'A concern was raised on the vote',
    blocks: [boundedSection(`:warning: ${mentionUser(concern.voter)} has a concern${value}:\n> ${quoted}`)],
  };
}

/** A voter raised their ballot: their concern is resolved. */
export function buildConcernResolved(
  view: VoteView,
  concern: StoredConcern,
  value: VoteValue,
): VoteMessageBody {
  const to = view.vote.hideValues ? '' : ` to ${value}`;
  return {
    text: 'A concern was resolved',
    blocks: [
      boundedSection(
        `:white_check_mark: ${mentionUser(concern.voter)} raised their ballot${to}; their concern is resolved.`,
      ),
    ],
  };
}

/** The reminder DM to an elector who has not voted. */
export function buildVoteReminder(
  view: VoteView,
  where: MessageLocation | null,
  _now: Date,
): VoteMessageBody {
  const place = where
    ? link(`https://slack.com/archives/${where.channel}/p${where.ts.replace('.', '')}`, 'the vote')
    : `the vote in ${mentionChannel(view.vote.channel)}`;
  const line = `:alarm_clock: You have not voted yet on *${escapeMrkdwn(truncate(view.vote.question, 300))}*. It closes ${when(view.round.closesAt)}; vote in ${place}.`;
  return {
    text: `Reminder: vote on "${truncate(escapeMrkdwn(view.vote.question), 150)}"`,
    blocks: [boundedSection(line)],
  };
}

/** `/fist-to-five list`: the open votes the user can vote in. */
export function buildVoteList(
  items: ReadonlyArray<{ view: VoteView; ballot: StoredBallot | null }>,
): VoteMessageBody {
  if (items.length === 0)
    return {
      text: 'No open votes for you',
      blocks: [boundedSection('No open vote has you in its electorate.')],
    };
  const lines = items.slice(0, 40).map(({ view, ballot }) => {
    const mine = ballot ? `you voted ${ballot.value}` : '*not voted yet*';
    return `• ${escapeMrkdwn(truncate(view.vote.question, 200))} in ${mentionChannel(view.vote.channel)} — closes ${when(view.round.closesAt)} — ${mine}`;
  });
  const more = items.length > 40 ? [`…and ${items.length - 40} more.`] : [];
  return {
    text: `${items.length} open vote(s)`,
    blocks: [
      boundedSection(`*Open votes you can vote in (${items.length}):*\n${[...lines, ...more].join('\n')}`),
    ],
  };
}

/** `/fist-to-five help`. */
export function buildVoteHelp(problem?: string): VoteMessageBody {
  const lines = [
    '*`/fist-to-five`* runs a fist-to-five confidence vote in a thread.',
    '• `/fist-to-five Ship the v1.37 plan?` — open the form to start a vote; name who votes with `#channel`, `@group` or `@people`',
    '• `/fist-to-five list` — the open votes you can vote in',
    '• Message shortcut *Start fist-to-five* — start one on a readout, in its thread',
    `Legend: ${voteLegendText()}`,
    'Approved when quorum is met and every ballot is 3 or more. A 0, 1 or 2 needs a stated concern; raise your ballot when it is satisfied.',
  ];
  const body = problem ? [`:warning: ${escapeMrkdwn(problem)}`, ...lines] : lines;
  return {
    text: problem ? escapeMrkdwn(problem) : 'How to use /fist-to-five',
    blocks: [boundedSection(body.join('\n'))],
  };
}

/** A refusal or problem, said plainly. */
export function buildVoteNotice(message: string): VoteMessageBody {
  return {
    text: escapeMrkdwn(message),
    blocks: [boundedSection(`:no_entry_sign: ${escapeMrkdwn(message)}`)],
  };
}
