/**
 * The weekly digest as Block Kit: pure builders over the {@link Digest} model. Long digests are
 * never cut: `digestMessages.digest` splits them into a parent message and thread replies.
 */
import type { KnownBlock } from '@slack/types';
import { formatAge } from '../../domain/age.ts';
import { type Digest, type DigestKepRow, type StateKey, stateKeys } from '../../domain/digest.ts';
import { kepStateEmoji } from '../../domain/kep-state.ts';
import type { RepoLinks } from '../../domain/repo-links.ts';
import { formatTextTable, truncateText } from '../../domain/text-table.ts';
import type { DigestMessages, UnreachableChairsModel } from '../../ports/digest.ts';
import type { ReleasePageLinks } from '../../ports/release-page-links.ts';
import type { RenderedMessage } from '../../ports/schedule.ts';
import { escapeMrkdwn, link, mentionUser } from '../escape.ts';
import { context, header, section } from './block-kit.ts';
import { digestDriftBlocks } from './digest-drift.ts';
import { kepLabel } from './kep-status-blocks.ts';
import { readerTime, rowWhen } from './schedule-text.ts';
import { splitBlocks } from './split-message.ts';

const stateName = (s: StateKey | null) => (s === null || s === 'none' ? 'no update' : s);
const stateText = (s: DigestKepRow['state']) =>
  s === null ? ':white_circle: no update' : `${kepStateEmoji[s]} ${s}`;
const ago = (iso: string, now: Date) => `${formatAge(iso, now)}`;
const fence = (text: string) => `\`\`\`\n${escapeMrkdwn(text.trimEnd())}\n\`\`\``;

/**
 * Every block of a digest, in reading order (may be more than one message holds: split it). KEPs
 * link to their issues in the enhancements `repo`. With the release page's `links`, the KEP tables
 * become a summary line and a link to the SIG's page.
 */
export function buildDigestBlocks(
  d: Digest,
  repo: RepoLinks,
  links: ReleasePageLinks | null = null,
): KnownBlock[] {
  const now = new Date(d.generatedAt);
  return [
    header(`${d.closing ? 'Last digest' : 'Weekly digest'} · ${d.sig.name} · ${d.release}`),
    ...(d.closing
      ? [
          section(
            `:checkered_flag: ${escapeMrkdwn(d.release)} is released: this is the last digest for it. Drumbeat sends no more rounds, nudges or digests for ${escapeMrkdwn(d.release)}.`,
          ),
        ]
      : []),
    context(
      `${escapeMrkdwn(d.sig.dir)} · ${d.total} KEP${d.total === 1 ? '' : 's'} in ${escapeMrkdwn(d.release)} · changes since ${readerTime(new Date(d.since), '{date_short_pretty} {time}')}`,
    ),
    ...(links ? [overviewSummary(d, links)] : overview(d, now)),
    { type: 'divider' },
    section(changes(d, now, repo).join('\n')),
    section(attention(d, now, repo).join('\n')),
    section(stale(d, now, repo).join('\n')),
    section(deadlines(d, repo).join('\n')),
    ...(d.events.length > 0 ? [section(events(d).join('\n'))] : []),
    section(votes(d).join('\n')),
    ...(d.openExceptions.length > 0 ? [section(openExceptions(d).join('\n'))] : []),
    ...digestDriftBlocks(d, repo, links),
    ...(d.confidence ? [section(confidence(d, repo).join('\n'))] : []),
    section(response(d).join('\n')),
    ...(d.processHealth ? [context(escapeMrkdwn(d.processHealth))] : []),
    context(
      `Preview or export this digest with \`drumbeat digest --sig ${escapeMrkdwn(d.sig.dir)} --markdown\`.${d.escalations ? '' : ' Escalation steps are not shown.'}`,
    ),
  ];
}

function overview(d: Digest, now: Date): KnownBlock[] {
  if (d.total === 0)
    return [
      section(
        `*KEPs by stage and state*\nNo KEP of ${escapeMrkdwn(d.sig.dir)} is in ${escapeMrkdwn(d.release)}.`,
      ),
    ];
  const used = stateKeys.filter((s) => d.stateTotals[s] > 0);
  const counts = formatTextTable(
    ['stage', ...used.map(stateName), 'total'],
    [
      ...d.counts.map((c) => [
        c.stage === 'none' ? 'no stage' : c.stage,
        ...used.map((s) => String(c.byState[s])),
        String(c.total),
      ]),
      ['all', ...used.map((s) => String(d.stateTotals[s])), String(d.total)],
    ],
  );
  const table = formatTextTable(
    ['KEP', 'stage', 'state', 'tracking', 'conf', 'updated', 'title'],
    d.keps.map((k) => [
      String(k.number),
      k.stage ?? '-',
      stateName(k.state),
      k.tracking ?? '-',
      k.confidence === null ? '-' : `${k.confidence}%`,
      k.updatedAt ? ago(k.updatedAt, now) : 'never',
      truncateText(k.title, 48),
    ]),
  );
  return [section(`*KEPs by stage and state*\n${fence(counts)}`), section(fence(table))];
}

const plural = (n: number) => `${n} KEP${n === 1 ? '' : 's'}`;

/** The KEP counts by stage and by state in two lines, and the SIG's page for the rest. */
function overviewSummary(d: Digest, links: ReleasePageLinks): KnownBlock {
  const page = link(links.sig(d.sig.dir), `${d.sig.name} on the release page`);
  if (d.total === 0)
    return section(
      `*KEPs by stage and state*\nNo KEP of ${escapeMrkdwn(d.sig.dir)} is in ${escapeMrkdwn(d.release)}. ${page}`,
    );
  const byStage = d.counts
    .filter((c) => c.total > 0)
    .map((c) => `${c.total} ${c.stage === 'none' ? 'no stage' : c.stage}`);
  const byState = stateKeys
    .filter((s) => d.stateTotals[s] > 0)
    .map((s) => `${d.stateTotals[s]} ${stateName(s)}`);
  return section(
    [
      '*KEPs by stage and state*',
      `By stage: ${byStage.join(' · ')}`,
      `By state: ${byState.join(' · ')}`,
      `${page}: all ${plural(d.total)} with their state, confidence and history.`,
    ].join('\n'),
  );
}

function changes(d: Digest, now: Date, repo: RepoLinks): string[] {
  const c = d.changes;
  const lines = [`*What changed since the last digest*`];
  if (c.transitions.length + c.blockersOpened.length + c.blockersResolved.length + c.github.length === 0)
    return [...lines, 'Nothing changed.'];
  for (const t of c.transitions)
    lines.push(
      `• ${kepLabel(t.kep, repo)}: ${t.states.map((s) => (s === null ? 'no update' : `${kepStateEmoji[s]} ${s}`)).join(' → ')} (${t.updates} update${t.updates === 1 ? '' : 's'}, last ${ago(t.lastAt, now)} ago)`,
    );
  for (const b of c.blockersOpened)
    lines.push(`• :no_entry: ${kepLabel(b.kep, repo)} is blocked by *${escapeMrkdwn(b.target)}*`);
  for (const b of c.blockersResolved)
    lines.push(
      `• :white_check_mark: ${kepLabel(b.kep, repo)} is no longer blocked by *${escapeMrkdwn(b.target)}*${b.closeReason ? ` (${escapeMrkdwn(b.closeReason)})` : ''}`,
    );
  for (const e of c.github)
    lines.push(`• :arrows_counterclockwise: KEP-${e.kepNumber}: ${escapeMrkdwn(e.message)}`);
  return lines;
}

function attention(d: Digest, now: Date, repo: RepoLinks): string[] {
  const lines = ['*Blocked and at risk*'];
  if (d.attention.length === 0) return [...lines, 'No KEP is blocked or at risk.'];
  for (const a of d.attention) {
    const why = [
      a.note ? `“${escapeMrkdwn(truncateText(a.note.replace(/\s+/g, ' '), 200))}”` : null,
      ...a.blockers.map(
        (b) =>
          `blocked by *${escapeMrkdwn(b.target)}* for ${ago(b.openedAt, now)}${b.step ? ` (escalation: ${escapeMrkdwn(b.step)})` : ''}`,
      ),
    ].filter((s): s is string => s !== null);
    lines.push(
      `• ${kepLabel(a.kep, repo)}: ${stateText(a.state)} for ${ago(a.since, now)}${why.length > 0 ? ` · ${why.join(' · ')}` : ''}`,
    );
  }
  return lines;
}

function stale(d: Digest, now: Date, repo: RepoLinks): string[] {
  const lines = ['*Stale* (no update for a whole round)'];
  if (d.stale.length === 0) return [...lines, 'Every KEP was updated within the last round.'];
  for (const s of d.stale)
    lines.push(
      `• ${kepLabel(s.kep, repo)}: ${s.lastUpdateAt ? `last update ${ago(s.lastUpdateAt, now)} ago` : 'no update in this release'}`,
    );
  return lines;
}

function deadlines(d: Digest, repo: RepoLinks): string[] {
  const lines = ['*Next deadlines* (14 days)'];
  if (d.deadlines.length === 0) return [...lines, 'No milestone in the next 14 days.'];
  for (const m of d.deadlines) {
    const head = `• *${escapeMrkdwn(m.name)}*, ${rowWhen(m.date ? m : { at: m.at, date: null })}`;
    if (!m.checked) lines.push(`${head}: no readiness check`);
    else if (m.notReady.length === 0) lines.push(`${head}: every KEP is ready`);
    else {
      lines.push(`${head}: ${m.notReady.length} KEP${m.notReady.length === 1 ? '' : 's'} not ready`);
      for (const n of m.notReady)
        lines.push(`    ◦ ${kepLabel(n.kep, repo)}: ${n.reasons.map(escapeMrkdwn).join('; ')}`);
    }
  }
  return lines;
}

/** Timeline rows that are not deadlines: reminders, conferences, meetings, release cuts. */
function events(d: Digest): string[] {
  return ['*Events* (14 days)', ...d.events.map((e) => `• ${escapeMrkdwn(e.name)}, ${rowWhen(e)}`)];
}

function openExceptions(d: Digest): string[] {
  return [
    `*Exception requests waiting for a decision* (${d.openExceptions.length})`,
    ...d.openExceptions.map(
      (e) =>
        `• #${e.id} KEP-${e.kep} ${escapeMrkdwn(truncateText(e.kepTitle, 120))}: past ${escapeMrkdwn(e.freeze)}, asked ${readerTime(new Date(e.requestedAt), '{date_short_pretty}')}`,
    ),
  ];
}

function votes(d: Digest): string[] {
  const lines = ['*Votes* in the SIG channel'];
  if (d.votes.open.length + d.votes.closed.length === 0)
    return [...lines, 'No vote open, and none closed since the last digest.'];
  const q = (v: Digest['votes']['open'][number]) =>
    `“${escapeMrkdwn(truncateText(v.question, 200))}”${v.round > 1 ? ` (round ${v.round})` : ''}`;
  for (const v of d.votes.open)
    lines.push(
      `• :ballot_box_with_ballot: ${q(v)}: ${v.ballots} of ${v.electorate} voted, closes ${readerTime(new Date(v.closesAt), '{date_short_pretty} {time}')}`,
    );
  for (const v of d.votes.closed) {
    const icon = v.outcome === 'approved' ? ':white_check_mark:' : ':x:';
    const concerns =
      v.concerns.length > 0
        ? ` · concerns: ${v.concerns.map((c) => `“${escapeMrkdwn(truncateText(c, 200))}”`).join(', ')}`
        : '';
    lines.push(
      `• ${icon} ${q(v)}: *${v.outcome ?? 'closed'}* (${v.ballots} of ${v.electorate} voted)${concerns}`,
    );
  }
  return lines;
}

function confidence(d: Digest, repo: RepoLinks): string[] {
  const c = d.confidence!;
  const lines = [`*Commit confidence* (current increment ${c.increment})`];
  if (c.rows.length === 0) return [...lines, 'No open KEP reported a confidence.'];
  for (const r of c.rows) {
    const cap = r.cap === null ? '' : ` / cap ${r.cap}%`;
    const verdict = r.ok ? '' : ` :warning: ${escapeMrkdwn(r.reason ?? '')}`;
    lines.push(`• ${kepLabel(r.kep, repo)}: ${r.confidence}%${cap} (increment ${r.increment})${verdict}`);
  }
  return lines;
}

function response(d: Digest): string[] {
  const r = d.response;
  const lines = ['*Facilitator response to drumbeat rounds*'];
  if (r.roundsClosed === 0) return [...lines, 'No drumbeat round has closed in this release yet.'];
  lines.push(`${r.roundsWithUpdates} of ${r.roundsClosed} closed round(s) got at least one update.`);
  for (const f of r.facilitators) {
    const who = f.slack ? mentionUser(f.slack) : escapeMrkdwn(`@${f.github} (GitHub)`);
    lines.push(
      `• ${who}: updated in ${f.updated}, missed ${f.missed}, away ${f.away}${f.rate === null ? '' : ` (${f.rate}%)`}`,
    );
  }
  return lines;
}

/** The notification text of a digest. */
export function digestText(d: Digest): string {
  const { stateTotals: t } = d;
  return escapeMrkdwn(
    `${d.closing ? 'Last digest' : 'Weekly digest'} for ${d.sig.name} (${d.release}): ${d.total} KEP(s), ${t.blocked} blocked, ${t['at-risk']} at risk, ${d.stale.length} stale`,
  );
}

/** The PM-channel notice about chairs the digest cannot reach. */
export function buildUnreachableChairs(models: UnreachableChairsModel[]): KnownBlock[] {
  const lines = models.flatMap((m) => {
    const out: string[] = [];
    if (m.chairs.length > 0)
      out.push(
        `• *${escapeMrkdwn(m.sigName)}* (${escapeMrkdwn(m.sig)}): ${m.chairs.length === 1 ? 'chair' : 'chairs'} ${m.chairs.map((c) => `\`${escapeMrkdwn(c)}\``).join(', ')} ${m.chairs.length === 1 ? 'has' : 'have'} no Slack user`,
      );
    if (m.problemCode === 'no-keps')
      out.push(
        `• *${escapeMrkdwn(m.sigName)}* (${escapeMrkdwn(m.sig)}): not sent — ${escapeMrkdwn(m.problem ?? '')}`,
      );
    else if (m.problem)
      out.push(
        `• *${escapeMrkdwn(m.sigName)}* (${escapeMrkdwn(m.sig)}): nobody gets it — ${escapeMrkdwn(m.problem)}`,
      );
    return out;
  });
  const intro =
    ':warning: Some weekly digests cannot reach their readers. For a chair, add `{ github: LOGIN, slack: U… }` to `people` in drumbeat.yaml and restart the bot.';
  const chunks: string[] = [];
  for (const line of lines) {
    const last = chunks.at(-1);
    if (last !== undefined && last.length + line.length + 1 <= 2900)
      chunks[chunks.length - 1] = `${last}\n${line}`;
    else chunks.push(line);
  }
  return [
    section(intro),
    ...chunks.map((chunk) => section(chunk)),
    context('Said once; Drumbeat does not repeat these notices.'),
  ];
}

function rendered(text: string, blocks: KnownBlock[]): RenderedMessage {
  return { text, parts: splitBlocks(blocks) };
}

/**
 * The digest messages as Block Kit, overflow split into thread replies (never cut). KEPs link to
 * their issues in the enhancements `repo`; with the release page's `links`, each digest links to
 * its SIG's page.
 */
export function createDigestMessages(repo: RepoLinks, links: ReleasePageLinks | null): DigestMessages {
  return {
    digest: (d) => rendered(digestText(d), buildDigestBlocks(d, repo, links)),
    unreachable: (models) =>
      rendered(
        escapeMrkdwn(
          `${models.length} weekly digest(s) cannot reach their readers: ${models.map((m) => m.sig).join(', ')}`,
        ),
        buildUnreachableChairs(models),
      ),
  };
}
