import type { KnownBlock } from '@slack/types';
import { formatAge, formatAgo } from '../../domain/age.ts';
import { kepStateEmoji, kepStates } from '../../domain/kep-state.ts';
import type { RepoLinks } from '../../domain/repo-links.ts';
import { type Blocker, describeBlockerTarget, type StatusUpdate } from '../../domain/status.ts';
import type { Kep } from '../../domain/types.ts';
import { escapeMrkdwn, link, mentionUser, truncate } from '../escape.ts';
import { actions } from '../ids.ts';
import { boundedSection, context } from './block-kit.ts';
import { splitBlocks } from './split-message.ts';

/** A message body: `text` is the notification fallback, `blocks` what people see. */
export interface MessageBody {
  text: string;
  blocks: KnownBlock[];
}

/** `KEP-4222 Title` linked to its issue in the enhancements `repo`; the title is escaped. */
export function kepLabel(kep: Pick<Kep, 'number' | 'title'>, repo: RepoLinks): string {
  return `${link(repo.issue(kep.number), `KEP-${kep.number}`)} ${escapeMrkdwn(truncate(kep.title, 150))}`;
}

function stateText(update: Pick<StatusUpdate, 'state' | 'confidence'>): string {
  const confidence = update.confidence === null ? '' : ` (${update.confidence}%)`;
  return `${kepStateEmoji[update.state]} *${update.state}*${confidence}`;
}

function blockersLine(blockers: Blocker[]): string | null {
  if (blockers.length === 0) return null;
  return `Blocked by: ${blockers.map((b) => escapeMrkdwn(describeBlockerTarget(b.target))).join(', ')}`;
}

export const statusHelpText = [
  '*`/kep-status`* reports and reads KEP status for the current release.',
  '• `/kep-status` — open the form',
  '• `/kep-status 4222 at-risk 60% waiting on API review` — record a state in one line: KEP, state, optional confidence, optional note',
  `   states: ${kepStates.map((s) => `\`${s}\``).join(', ')} (also \`on track\`, \`green\`, \`yellow\`, \`red\`…)`,
  '   `blocked by #1234` or `blocked by sig-auth` in the note records what blocks it',
  '   `inc 3` after the state or confidence names the increment the work lands in (`/kep-status 1287 on-track 80% inc 3`); without it the increment of your SIG’s approved plan applies, else the current one, and confidence is capped by it',
  '• `/kep-status 4222` — the KEP’s card: latest state, history, blockers, links',
  '• `/kep-status sig-node` — the SIG’s KEPs in the release with their latest state',
  '• `/kep-status blockers` — open blockers in the release',
  'A KEP can be written `4222`, `#4222`, `KEP-4222` or as its enhancements issue URL.',
].join('\n');

/** The grammar, with what exactly was not understood when there is a problem. */
export function buildStatusHelp(problem?: string, input?: string): MessageBody {
  const blocks: KnownBlock[] = [];
  if (problem) {
    const typed = input ? ` in \`/kep-status ${escapeMrkdwn(truncate(input, 200))}\`` : '';
    blocks.push(boundedSection(`:warning: I did not understand${typed}: ${escapeMrkdwn(problem)}.`));
  }
  blocks.push(boundedSection(statusHelpText));
  return { text: problem ? `Not understood: ${escapeMrkdwn(problem)}` : 'How to use /kep-status', blocks };
}

/**
 * A refusal or problem, said plainly. The message is escaped; with `mentions`, user mentions the
 * app itself wrote (`<@U…>`, e.g. who may update a SIG) stay live. Never pass `mentions` for a
 * message that carries user or GitHub text.
 */
export function buildNotice(message: string, options: { mentions?: boolean } = {}): MessageBody {
  let text = escapeMrkdwn(message);
  if (options.mentions) text = text.replace(/&lt;@([UW][A-Z0-9]{2,20})&gt;/g, '<@$1>');
  // the fallback text is escaped like the blocks: it may quote what someone typed
  return { text, blocks: [boundedSection(`:no_entry_sign: ${text}`)] };
}

export interface RecordedStatus {
  update: StatusUpdate;
  previous: StatusUpdate | null;
  kep: Kep;
  opened: Blocker[];
  closed: Blocker[];
  /** The channel the update goes to; null when the SIG has none the bot can use. */
  postedTo: string | null;
  /**
   * Whether Slack has the post: `posting` until it is confirmed (the default), `posted`, or
   * `failed` with Slack's reason. Only what happened is said.
   */
  delivery?: { state: 'posting' | 'posted' | 'failed'; error?: string | null };
}

/** The reply's line about the channel post, saying only what happened so far. */
export function postLine(postedTo: string | null, delivery: RecordedStatus['delivery']): string {
  if (!postedTo) return 'Not posted in a channel: the SIG has no channel Drumbeat can use.';
  const channel = `<#${postedTo}>`;
  switch (delivery?.state ?? 'posting') {
    case 'posted':
      return `Posted in ${channel}.`;
    case 'failed':
      return `:warning: Not posted in ${channel}: Slack refused it (${escapeMrkdwn(delivery?.error ?? 'unknown error')}). Your update is recorded; tell the bot’s admins so they can fix it.`;
    default:
      return `Posting to ${channel}…`;
  }
}

function transition(update: StatusUpdate, previous: StatusUpdate | null): string {
  return previous && previous.state !== update.state
    ? `${previous.state} → ${stateText(update)}`
    : stateText(update);
}

/** The ephemeral reply to a recorded update, with an Edit button that opens the modal pre-filled. */
export function buildStatusRecorded(r: RecordedStatus, repo: RepoLinks): MessageBody {
  const lines = [`:white_check_mark: Recorded ${kepLabel(r.kep, repo)}: ${transition(r.update, r.previous)}`];
  if (r.update.note) lines.push(`> ${escapeMrkdwn(r.update.note).replace(/\n/g, '\n> ')}`);
  if (r.opened.length)
    lines.push(
      `Blocker${r.opened.length > 1 ? 's' : ''} recorded: ${r.opened.map((b) => escapeMrkdwn(describeBlockerTarget(b.target))).join(', ')}`,
    );
  if (r.closed.length)
    lines.push(`Resolved: ${r.closed.map((b) => escapeMrkdwn(describeBlockerTarget(b.target))).join(', ')}`);
  lines.push(postLine(r.postedTo, r.delivery));
  return {
    text: `Recorded KEP-${r.kep.number}: ${r.update.state}`,
    blocks: [
      boundedSection(lines.join('\n')),
      {
        type: 'actions',
        elements: [
          {
            type: 'button',
            action_id: actions.kepStatusEdit,
            text: { type: 'plain_text', text: 'Edit' },
            value: String(r.kep.number),
          },
        ],
      },
    ],
  };
}

/** The update as posted in the SIG's channel or drumbeat thread. */
export function buildStatusPost(r: Omit<RecordedStatus, 'postedTo'>, repo: RepoLinks): MessageBody {
  const lines = [
    `${kepLabel(r.kep, repo)} — ${transition(r.update, r.previous)} by ${mentionUser(r.update.authorSlack)}`,
  ];
  if (r.update.note) lines.push(`> ${escapeMrkdwn(r.update.note).replace(/\n/g, '\n> ')}`);
  const blocked = blockersLine(r.opened);
  if (blocked) lines.push(blocked);
  return { text: `KEP-${r.kep.number} ${r.update.state}`, blocks: [boundedSection(lines.join('\n'))] };
}

export interface KepCard {
  kep: Kep;
  release: string;
  history: StatusUpdate[];
  blockers: Blocker[];
  /** Other folders that carry the same KEP number (not in the release). */
  alsoNumbered?: Pick<Kep, 'path'>[];
  /** The release team's tracking Status (handbook value), when the KEP is in the release. */
  tracking?: string | null;
}

/** `/kep-status 4222`: title, SIGs, stage and milestone, latest state, last five updates, blockers, links. */
export function buildKepCard(card: KepCard, now: Date, repo: RepoLinks): MessageBody {
  const { kep } = card;
  const latest = card.history[0];
  const sigs = [kep.owningSig ?? 'unknown SIG', ...kep.participatingSigs.filter((s) => s !== kep.owningSig)];
  const facts = [
    `*SIGs:* ${escapeMrkdwn(sigs.join(', '))}`,
    `*Stage:* ${kep.stage ?? 'not set'} · *Latest milestone:* ${kep.latestMilestone ?? 'none'} · *Status:* ${kep.status ?? 'unknown'}`,
    latest
      ? `*Latest in ${card.release}:* ${stateText(latest)} by ${mentionUser(latest.authorSlack)}, ${formatAgo(latest.createdAt, now)}`
      : `*Latest in ${card.release}:* no update yet`,
    ...(card.tracking ? [`*Tracking Status:* ${card.tracking}`] : []),
  ];
  const blocks: KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: truncate(`KEP-${kep.number}: ${kep.title}`, 150) } },
    boundedSection(facts.join('\n')),
  ];
  if (card.history.length > 0) {
    const rows = card.history.slice(0, 5).map((u) => {
      const note = u.note ? ` — ${escapeMrkdwn(truncate(u.note, 200))}` : '';
      return `• ${formatAgo(u.createdAt, now)}: ${stateText(u)} by ${mentionUser(u.authorSlack)}${note}`;
    });
    blocks.push(boundedSection(`*Recent updates*\n${rows.join('\n')}`));
  }
  if (card.blockers.length > 0) {
    const rows = card.blockers.map(
      (b) => `• ${escapeMrkdwn(describeBlockerTarget(b.target))} — open ${formatAge(b.openedAt, now)}`,
    );
    blocks.push(boundedSection(`*Open blockers*\n${rows.join('\n')}`));
  }
  const others = card.alsoNumbered ?? [];
  if (others.length > 0) {
    const paths = others.map((k) => `\`${escapeMrkdwn(k.path)}\``).join(', ');
    blocks.push(
      context(`KEP-${kep.number} is also the number of ${paths}, which is not in ${card.release}.`),
    );
  }
  blocks.push(
    context(
      `${link(repo.issue(kep.number), 'Enhancement issue')} · ${link(repo.tree(kep.path), 'KEP directory')}`,
    ),
  );
  return { text: `KEP-${kep.number}: ${escapeMrkdwn(truncate(kep.title, 150))}`, blocks };
}

export interface SigListRow {
  kep: Kep;
  latest: StatusUpdate | null;
  /** The release team's tracking Status (handbook value), when known. */
  tracking?: string | null;
}

/** `/kep-status sig-node`: the SIG's KEPs in the release with their latest state and its age. */
export function buildSigList(
  sig: string,
  release: string,
  rows: SigListRow[],
  now: Date,
  repo: RepoLinks,
): MessageBody[] {
  if (rows.length === 0) {
    return [
      {
        text: `No KEPs for ${sig} in ${release}`,
        blocks: [boundedSection(`${escapeMrkdwn(sig)} has no KEPs with latest-milestone ${release}.`)],
      },
    ];
  }
  const lines = rows.map(({ kep, latest, tracking }) => {
    const state = latest ? `${stateText(latest)} · ${formatAgo(latest.createdAt, now)}` : '_no update yet_';
    const status = tracking ? ` · _${tracking}_` : '';
    return `• ${kepLabel(kep, repo)} (${kep.stage ?? 'no stage'}) — ${state}${status}`;
  });
  const header: KnownBlock = {
    type: 'header',
    text: { type: 'plain_text', text: truncate(`${sig} in ${release}: ${rows.length} KEPs`, 150) },
  };
  return chunkLines(lines, 40).map((chunk, i) => ({
    text: `${sig} KEPs in ${release}`,
    blocks: i === 0 ? [header, boundedSection(chunk.join('\n'))] : [boundedSection(chunk.join('\n'))],
  }));
}

/**
 * `/kep-status blockers`: open blockers with their age; with `ladder`, each blocker's escalation
 * step and (business) age as the ladder counts them (mrkdwn the caller built safely).
 */
export function buildBlockerList(
  release: string,
  blockers: Blocker[],
  now: Date,
  ladder?: (blocker: Blocker) => string,
): MessageBody[] {
  if (blockers.length === 0)
    return [{ text: 'No open blockers', blocks: [boundedSection(`No open blockers in ${release}. :tada:`)] }];
  const lines = blockers.map(
    (b) =>
      `• KEP-${b.kepNumber} (${escapeMrkdwn(b.sig)}) waits on *${escapeMrkdwn(describeBlockerTarget(b.target))}* — ${ladder ? ladder(b) : formatAge(b.openedAt, now)}`,
  );
  // a long list continues in further messages, each within Slack's limits, rather than being cut
  const parts = splitBlocks(chunkLines(lines, 30).map((c) => boundedSection(c.join('\n'))));
  return parts.map((blocks, i) => ({
    text: i === 0 ? `${blockers.length} open blockers` : `${blockers.length} open blockers (continued)`,
    blocks,
  }));
}

/** Groups lines so each section stays well under Slack's 3000 characters. */
function chunkLines(lines: string[], maxLines: number): string[][] {
  const chunks: string[][] = [];
  let current: string[] = [];
  let size = 0;
  for (const line of lines) {
    if (current.length >= maxLines || size + line.length > 2800) {
      chunks.push(current);
      current = [];
      size = 0;
    }
    current.push(line);
    size += line.length + 1;
  }
  if (current.length) chunks.push(current);
  return chunks;
}
