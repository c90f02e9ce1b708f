/**
 * The digest as Markdown (for export: paste it into a doc or an issue) or as plain text (for the
 * terminal). Both read the same {@link Digest} model the Slack message is built from. Pure.
 */
import { formatAge } from './age.ts';
import type { Digest, DigestKepRow, DigestVoteInput, StateKey } from './digest.ts';
import { digestDriftLimit, stateKeys } from './digest.ts';
import type { RepoLinks } from './repo-links.ts';
import { formatTextTable, truncateText } from './text-table.ts';

export type DigestStyle = 'markdown' | 'text';

interface Writer {
  style: DigestStyle;
  lines: string[];
  /** Where the KEP issues are (`github.repo`). */
  repo: RepoLinks;
}

/** Escapes what Markdown would read as formatting, so KEP titles and notes print as written. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>|#]/g, (c) => `\\${c}`).replace(/\s*[\r\n]+\s*/g, ' ');
}

/** `2025-10-13 09:00 UTC`. */
export function digestTime(iso: string): string {
  return `${iso.slice(0, 16).replace('T', ' ')} UTC`;
}

/**
 * Renders the digest; `text` is for a terminal (no Markdown markers, aligned tables). KEPs link to
 * their issues in `repo`.
 */
export function renderDigest(digest: Digest, repo: RepoLinks, style: DigestStyle = 'markdown'): string {
  const w: Writer = { style, lines: [], repo };
  const now = new Date(digest.generatedAt);
  title(w, `${digest.sig.name} (${digest.sig.dir}) · ${digest.release} weekly digest`, 1);
  w.lines.push(
    `Generated ${digestTime(digest.generatedAt)}; changes since ${digestTime(digest.since)}. ${digest.total} KEP(s) in ${digest.release}.`,
    '',
  );
  overview(w, digest, now);
  changes(w, digest, now);
  attention(w, digest, now);
  stale(w, digest, now);
  deadlines(w, digest, now);
  events(w, digest);
  votes(w, digest);
  openExceptions(w, digest);
  drift(w, digest);
  confidence(w, digest);
  response(w, digest);
  if (digest.processHealth) w.lines.push('', t(w, digest.processHealth));
  return `${w.lines
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trimEnd()}\n`;
}

const t = (w: Writer, text: string) =>
  w.style === 'markdown' ? escapeMarkdown(text) : text.replace(/\s*[\r\n]+\s*/g, ' ');
const b = (w: Writer, text: string) => (w.style === 'markdown' ? `**${text}**` : text);
const code = (w: Writer, text: string) => (w.style === 'markdown' ? `\`${text}\`` : text);

function title(w: Writer, text: string, level: 1 | 2): void {
  if (w.style === 'markdown') w.lines.push(`${'#'.repeat(level)} ${escapeMarkdown(text)}`, '');
  else w.lines.push(text, (level === 1 ? '=' : '-').repeat([...text].length), '');
}

function table(w: Writer, headers: string[], rows: string[][]): void {
  if (w.style === 'text') {
    w.lines.push(...formatTextTable(headers, rows).trimEnd().split('\n'), '');
    return;
  }
  const cell = (c: string) => c.replace(/(?<!\\)\|/g, '\\|');
  w.lines.push(`| ${headers.join(' | ')} |`, `|${headers.map(() => ' --- ').join('|')}|`);
  for (const row of rows) w.lines.push(`| ${row.map(cell).join(' | ')} |`);
  w.lines.push('');
}

function bullet(w: Writer, text: string): void {
  w.lines.push(`- ${text}`);
}

function none(w: Writer, text: string): void {
  w.lines.push(w.style === 'markdown' ? `_${text}_` : text, '');
}

export function kepName(
  w: Pick<Writer, 'style' | 'repo'>,
  kep: Pick<DigestKepRow, 'number' | 'title'>,
): string {
  const title = truncateText(kep.title, 80);
  return w.style === 'markdown'
    ? `[KEP-${kep.number}](${w.repo.issue(kep.number)}) ${escapeMarkdown(title)}`
    : `KEP-${kep.number} ${title}`;
}

const stateLabel = (state: StateKey | null) => (state === null || state === 'none' ? 'no update' : state);

function overview(w: Writer, d: Digest, now: Date): void {
  title(w, 'KEPs by stage and state', 2);
  if (d.total === 0) {
    none(w, `No KEP of ${d.sig.dir} is in ${d.release}.`);
    return;
  }
  const used = stateKeys.filter((s) => d.stateTotals[s] > 0);
  table(
    w,
    ['Stage', ...used.map(stateLabel), 'Total'],
    [
      ...d.counts.map((c) => [
        c.stage === 'none' ? 'no stage' : c.stage,
        ...used.map((s) => String(c.byState[s])),
        String(c.total),
      ]),
      ['all', ...used.map((s) => String(d.stateTotals[s])), String(d.total)],
    ],
  );
  table(
    w,
    ['KEP', 'Title', 'Stage', 'State', 'Tracking Status', 'Confidence', 'Updated'],
    d.keps.map((k) => [
      `KEP-${k.number}`,
      t(w, truncateText(k.title, 60)),
      k.stage ?? '-',
      stateLabel(k.state),
      k.tracking ?? '-',
      k.confidence === null ? '-' : `${k.confidence}%`,
      k.updatedAt ? `${formatAge(k.updatedAt, now)} ago` : 'never',
    ]),
  );
}

function changes(w: Writer, d: Digest, now: Date): void {
  title(w, 'What changed since the last digest', 2);
  const c = d.changes;
  if (c.transitions.length + c.blockersOpened.length + c.blockersResolved.length + c.github.length === 0) {
    none(w, 'Nothing changed.');
    return;
  }
  if (c.transitions.length > 0) {
    w.lines.push(b(w, 'State changes'), '');
    for (const tr of c.transitions)
      bullet(
        w,
        `${kepName(w, tr.kep)}: ${tr.states.map(stateLabel).join(' → ')} (${tr.updates} update(s), last ${formatAge(tr.lastAt, now)} ago)`,
      );
    w.lines.push('');
  }
  if (c.blockersOpened.length > 0) {
    w.lines.push(b(w, 'New blockers'), '');
    for (const x of c.blockersOpened)
      bullet(w, `${kepName(w, x.kep)} blocked by ${t(w, x.target)} (${formatAge(x.openedAt, now)} ago)`);
    w.lines.push('');
  }
  if (c.blockersResolved.length > 0) {
    w.lines.push(b(w, 'Resolved blockers'), '');
    for (const x of c.blockersResolved)
      bullet(
        w,
        `${kepName(w, x.kep)} no longer blocked by ${t(w, x.target)}${x.closeReason ? ` (${t(w, x.closeReason)})` : ''}`,
      );
    w.lines.push('');
  }
  if (c.github.length > 0) {
    w.lines.push(b(w, 'On GitHub (board and kep.yaml)'), '');
    for (const e of c.github) bullet(w, `KEP-${e.kepNumber}: ${t(w, e.message)}`);
    w.lines.push('');
  }
}

function attention(w: Writer, d: Digest, now: Date): void {
  title(w, 'Blocked and at risk', 2);
  if (d.attention.length === 0) {
    none(w, 'No KEP is blocked or at risk.');
    return;
  }
  for (const a of d.attention) {
    const why = [
      a.note ? `"${t(w, truncateText(a.note, 200))}"` : null,
      ...a.blockers.map(
        (x) =>
          `blocked by ${t(w, x.target)} for ${formatAge(x.openedAt, now)}${x.step ? ` (escalation: ${t(w, x.step)})` : ''}`,
      ),
    ].filter((s): s is string => s !== null);
    bullet(
      w,
      `${kepName(w, a.kep)}: ${b(w, a.state)} for ${formatAge(a.since, now)}${why.length > 0 ? `; ${why.join('; ')}` : ''}`,
    );
  }
  w.lines.push('');
}

function stale(w: Writer, d: Digest, now: Date): void {
  title(w, 'Stale (no update for a whole round)', 2);
  if (d.stale.length === 0) {
    none(w, 'Every KEP was updated within the last round.');
    return;
  }
  for (const s of d.stale)
    bullet(
      w,
      `${kepName(w, s.kep)}: ${s.lastUpdateAt ? `last update ${formatAge(s.lastUpdateAt, now)} ago` : 'no update in this release'}`,
    );
  w.lines.push('');
}

function deadlines(w: Writer, d: Digest, now: Date): void {
  title(w, 'Next deadlines (14 days)', 2);
  if (d.deadlines.length === 0) {
    none(w, 'No milestone in the next 14 days.');
    return;
  }
  for (const m of d.deadlines) {
    const when = m.date ?? `${digestTime(m.at)} (in ${formatAge(now, new Date(m.at))})`;
    const head = `${b(w, t(w, m.name))}: ${when}`;
    if (!m.checked) bullet(w, `${head}; no readiness check for this milestone`);
    else if (m.notReady.length === 0) bullet(w, `${head}; every KEP is ready`);
    else {
      bullet(w, `${head}; ${m.notReady.length} KEP(s) not ready:`);
      for (const n of m.notReady)
        w.lines.push(`  - ${kepName(w, n.kep)}: ${n.reasons.map((r) => plainReason(w, r)).join('; ')}`);
    }
  }
  w.lines.push('');
}

/** Timeline rows that are not deadlines, apart from them; day-only rows as days. */
function events(w: Writer, d: Digest): void {
  if (d.events.length === 0) return;
  title(w, 'Events (14 days)', 2);
  for (const e of d.events) {
    const when = e.date ? `${e.date}${e.endDate ? ` to ${e.endDate}` : ''}` : digestTime(e.at ?? '');
    bullet(w, `${t(w, e.name)}: ${when}`);
  }
  w.lines.push('');
}

/** Readiness reasons carry kep.yaml field names in backticks; plain text drops the backticks. */
function plainReason(w: Writer, reason: string): string {
  return w.style === 'markdown' ? reason : reason.replace(/`/g, '');
}

function voteLine(w: Writer, v: DigestVoteInput): string {
  const round = v.round > 1 ? ` (round ${v.round})` : '';
  return `${t(w, v.question)}${round}`;
}

function openExceptions(w: Writer, d: Digest): void {
  if (d.openExceptions.length === 0) return;
  title(w, 'Exception requests waiting for a decision', 2);
  for (const e of d.openExceptions)
    bullet(
      w,
      `#${e.id} KEP-${e.kep} ${t(w, e.kepTitle)}: past ${e.freeze}, asked ${digestTime(e.requestedAt)}`,
    );
  w.lines.push('');
}

function drift(w: Writer, d: Digest): void {
  const findings = d.drift ?? [];
  if (findings.length === 0) return;
  title(w, `GitHub drift (${findings.length} open)`, 2);
  for (const f of findings.slice(0, digestDriftLimit)) bullet(w, `#${f.kepNumber} ${t(w, f.message)}`);
  const more = findings.length - digestDriftLimit;
  if (more > 0) bullet(w, `…and ${more} more: ${code(w, 'drumbeat drift')} lists every finding`);
  w.lines.push('');
}

function votes(w: Writer, d: Digest): void {
  title(w, 'Votes in the SIG channel', 2);
  if (d.votes.open.length + d.votes.closed.length === 0) {
    none(w, 'No vote open or closed since the last digest.');
    return;
  }
  for (const v of d.votes.open)
    bullet(
      w,
      `Open: ${voteLine(w, v)}: ${v.ballots} of ${v.electorate} voted, closes ${digestTime(v.closesAt)}`,
    );
  for (const v of d.votes.closed) {
    const concerns =
      v.concerns.length > 0
        ? `; concerns: ${v.concerns.map((c) => `"${t(w, truncateText(c, 200))}"`).join(', ')}`
        : '';
    bullet(
      w,
      `Closed: ${voteLine(w, v)}: ${b(w, v.outcome ?? 'closed')} (${v.ballots} of ${v.electorate} voted)${concerns}`,
    );
  }
  w.lines.push('');
}

function confidence(w: Writer, d: Digest): void {
  if (!d.confidence) return;
  title(w, `Commit confidence (current increment ${d.confidence.increment})`, 2);
  if (d.confidence.rows.length === 0) {
    none(w, 'No open KEP reported a confidence.');
    return;
  }
  table(
    w,
    ['KEP', 'Confidence', 'Increment', 'Cap', 'Within cap'],
    d.confidence.rows.map((r) => [
      `KEP-${r.kep.number}`,
      `${r.confidence}%`,
      String(r.increment),
      r.cap === null ? '-' : `${r.cap}%`,
      r.ok ? 'yes' : `no: ${plainReason(w, r.reason ?? '')}`,
    ]),
  );
}

function response(w: Writer, d: Digest): void {
  title(w, 'Facilitator response to drumbeat rounds', 2);
  const r = d.response;
  if (r.roundsClosed === 0) {
    none(w, 'No drumbeat round has closed in this release yet.');
    return;
  }
  w.lines.push(`${r.roundsWithUpdates} of ${r.roundsClosed} closed round(s) got at least one update.`, '');
  if (r.facilitators.length === 0) {
    none(w, 'The SIG has no facilitators configured.');
    return;
  }
  table(
    w,
    ['Facilitator', 'Updated', 'Missed', 'Away', 'Rate'],
    r.facilitators.map((f) => [
      code(w, f.github),
      String(f.updated),
      String(f.missed),
      String(f.away),
      f.rate === null ? '-' : `${f.rate}%`,
    ]),
  );
}
