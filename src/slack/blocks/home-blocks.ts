/**
 * The App Home tab: the user's KEPs with an Update button each, votes waiting for their ballot,
 * open blockers that involve them, the next three deadlines, and Start-a-vote buttons. Pure; at
 * most 100 blocks (Slack's view limit): long KEP lists end with a pointer to `/kep-status <sig>`.
 */
import type { HomeView, KnownBlock } from '@slack/types';
import type { HomeKep, HomeModel } from '../../app/build-home.ts';
import { formatAge } from '../../domain/age.ts';
import { kepStateEmoji } from '../../domain/kep-state.ts';
import type { RepoLinks } from '../../domain/repo-links.ts';
import type { ReleasePageLinks } from '../../ports/release-page-links.ts';
import { escapeMrkdwn, link, mentionChannel, truncate } from '../escape.ts';
import { actions } from '../ids.ts';
import { context, header, section } from './block-kit.ts';
import { LIMITS } from './block-limits.ts';
import { kepLabel } from './kep-status-blocks.ts';
import { readerTime, rowWhen } from './schedule-text.ts';

/** action_id of the Home tab's "Start a vote" buttons (value: the channel id the vote goes to). */
export const homeStartVoteAction = 'home_start_vote';

/** Blocks kept for everything but the KEP rows (headers, votes, blockers, deadlines, buttons). */
const reserved = 30;
const maxVotes = 10;

function kepBlock(k: HomeKep, now: Date, repo: RepoLinks): KnownBlock {
  const state = k.state
    ? `${kepStateEmoji[k.state]} *${k.state}*${k.confidence === null ? '' : ` · ${k.confidence}%`} · updated ${formatAge(k.updatedAt ?? now, now)} ago`
    : ':white_circle: no update yet';
  return {
    type: 'section',
    block_id: `home_kep:${k.number}:${k.sig}`,
    text: {
      type: 'mrkdwn',
      text: truncate(
        `${kepLabel(k, repo)}\n${escapeMrkdwn(k.sig)}${k.stage ? ` · ${k.stage}` : ''} · ${state}${k.tracking ? `\n_Tracking:_ ${k.tracking}` : ''}`,
        3000,
      ),
    },
    accessory: {
      type: 'button',
      action_id: actions.kepStatusOpenModal,
      text: { type: 'plain_text', text: 'Update' },
      value: String(k.number),
    },
  };
}

function kepSection(m: HomeModel, now: Date, repo: RepoLinks): KnownBlock[] {
  const out: KnownBlock[] = [header('Your KEPs')];
  if (m.github === null)
    return [
      ...out,
      section(
        'Drumbeat does not know you yet: ask the release team to add your GitHub login and Slack user to `people` in drumbeat.yaml.',
      ),
    ];
  if (m.sigs.length === 0)
    return [
      ...out,
      section('You do not facilitate or chair a SIG in this release, so no KEP is yours here.'),
    ];
  if (m.keps.length === 0)
    return [
      ...out,
      section(
        `No KEP of ${m.sigs.map((s) => escapeMrkdwn(s.dir)).join(', ')} is in ${escapeMrkdwn(m.release)}.`,
      ),
    ];
  const room = LIMITS.viewBlocks - reserved - Math.min(m.votes.length, maxVotes);
  const shown = m.keps.slice(0, room);
  out.push(
    context(
      `${m.sigs.map((s) => escapeMrkdwn(s.name)).join(', ')} · ${m.keps.length} KEP(s) in ${escapeMrkdwn(m.release)}`,
    ),
  );
  out.push(...shown.map((k) => kepBlock(k, now, repo)));
  if (shown.length < m.keps.length)
    out.push(
      context(
        `…and ${m.keps.length - shown.length} more: ${m.sigs.map((s) => `\`/kep-status ${escapeMrkdwn(s.dir)}\``).join(', ')} lists them all.`,
      ),
    );
  return out;
}

function voteSection(m: HomeModel): KnownBlock[] {
  const out: KnownBlock[] = [header('Votes waiting for your ballot')];
  if (m.votes.length === 0) return [...out, section('None: you have voted in every open vote.')];
  for (const v of m.votes.slice(0, maxVotes))
    out.push(
      section(
        `*${escapeMrkdwn(truncate(v.question, 300))}*${v.round > 1 ? ` (round ${v.round})` : ''}\nIn ${mentionChannel(v.channel)} · closes ${readerTime(new Date(v.closesAt), '{date_short_pretty} {time}')}`,
      ),
    );
  if (m.votes.length > maxVotes)
    out.push(context(`…and ${m.votes.length - maxVotes} more: \`/fist-to-five list\` shows them all.`));
  return out;
}

function blockerSection(m: HomeModel, now: Date, repo: RepoLinks): KnownBlock[] {
  const out: KnownBlock[] = [header('Open blockers')];
  if (m.blockers.length === 0) return [...out, section('No open blocker involves you.')];
  const lines = m.blockers.map((b) => {
    const why = [
      b.raisedByYou ? 'you raised it' : null,
      b.onYourKep ? 'your KEP' : null,
      b.youBlock ? 'your SIG blocks it' : null,
    ]
      .filter(Boolean)
      .join(', ');
    return `• ${kepLabel({ number: b.kepNumber, title: b.kepTitle }, repo)} blocked by *${escapeMrkdwn(b.target)}* for ${formatAge(b.openedAt, now)} (${why})`;
  });
  return [...out, section(truncate(lines.join('\n'), 3000))];
}

function deadlineSection(m: HomeModel): KnownBlock[] {
  const out: KnownBlock[] = [header('Next deadlines')];
  if (m.deadlines.length === 0) return [...out, section(`No deadline left in ${escapeMrkdwn(m.release)}.`)];
  const lines = m.deadlines.map((d) => {
    const ready =
      d.notReady === null
        ? ''
        : d.notReady === 0
          ? ' · your KEPs are ready'
          : ` · ${d.notReady} of your KEPs not ready`;
    return `• *${escapeMrkdwn(d.name)}*, ${rowWhen(d.date ? { at: null, date: d.date } : { at: d.at, date: null })}${ready}`;
  });
  return [...out, section(lines.join('\n'))];
}

/** Timeline rows that are not deadlines, apart from them; only when there are some. */
function eventSection(m: HomeModel): KnownBlock[] {
  if (m.events.length === 0) return [];
  const lines = m.events.map((e) => `• ${escapeMrkdwn(e.name)}, ${rowWhen(e)}`);
  return [header('Events'), section(lines.join('\n'))];
}

function voteButtons(m: HomeModel): KnownBlock[] {
  const channels = m.sigs.filter((s) => s.channel !== null).slice(0, 5);
  if (channels.length === 0) return [];
  return [
    {
      type: 'actions',
      block_id: 'home_actions',
      elements: channels.map((s, i) => ({
        type: 'button',
        action_id: `${homeStartVoteAction}_${i}`,
        text: { type: 'plain_text', text: truncate(`Start a vote in ${s.name}`, 75), emoji: true },
        value: s.channel!,
      })),
    },
  ];
}

/** The Home tab view of one user. */
/** Open exception requests, only when there are some (with the divider that follows them). */
function exceptionSection(m: HomeModel): KnownBlock[] {
  if (m.exceptions.length === 0) return [];
  const lines = m.exceptions
    .slice(0, 15)
    .map(
      (e) =>
        `• #${e.id} KEP-${e.kep} ${escapeMrkdwn(truncate(e.kepTitle, 120))}: past ${escapeMrkdwn(e.freeze)}${e.yours ? ' (yours)' : ''}, asked ${readerTime(new Date(e.requestedAt), '{date_short_pretty}')}`,
    );
  if (m.exceptions.length > 15)
    lines.push(`…and ${m.exceptions.length - 15} more: \`drumbeat exceptions\` lists them all`);
  return [
    header('Exception requests waiting for a decision'),
    section(lines.join('\n')),
    { type: 'divider' },
  ];
}

/**
 * The Home tab; KEPs link to their issues in the enhancements `repo`. With the release page's
 * `links`, it points to the page for the whole release.
 */
export function buildHomeView(
  m: HomeModel,
  repo: RepoLinks,
  links: ReleasePageLinks | null = null,
): HomeView {
  const now = new Date(m.now);
  const blocks: KnownBlock[] = [
    section(`*Drumbeat* · ${escapeMrkdwn(m.release)} · what needs you`),
    ...(links
      ? [
          context(
            `${link(links.release, `The ${m.release} release page`)}: the calendar, charts, every SIG and KEP, and the dependency graph.`,
          ),
        ]
      : []),
    ...voteButtons(m),
    ...kepSection(m, now, repo),
    { type: 'divider' },
    ...voteSection(m),
    { type: 'divider' },
    ...blockerSection(m, now, repo),
    { type: 'divider' },
    ...exceptionSection(m),
    ...deadlineSection(m),
    ...eventSection(m),
    context(`Updated ${readerTime(now, '{date_short_pretty} {time}')}. Open this tab again to refresh it.`),
  ];
  return { type: 'home', blocks: blocks.slice(0, LIMITS.viewBlocks) };
}
