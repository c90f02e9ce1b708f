/** The per-SIG and per-KEP pages. */
import type { StateKey } from '../domain/digest.ts';
import { swatch } from './chart-style.ts';
import { countBars } from './charts.ts';
import { day, esc, figure, page, type SiteLinks, table, when } from './html.ts';
import { stateLabel } from './release-model.ts';
import { graphSection } from './release-page.ts';
import type { KepPageModel, SigKepRow, SigPageModel } from './site-types.ts';

const state = (s: StateKey | null) => swatch(s ?? 'none', esc(stateLabel(s ?? 'none')));
const percent = (n: number | null) => (n === null ? '—' : `${n}%`);
const kepLink = (links: SiteLinks, n: number) => `<a href="${esc(links.kep(n))}">KEP-${n}</a>`;

function kepRow(row: SigKepRow, links: SiteLinks, withTracking: boolean): string[] {
  const history = row.history.length ? row.history.map((h) => esc(stateLabel(h.state))).join(' → ') : '—';
  return [
    kepLink(links, row.number),
    esc(row.title),
    esc(row.stage ?? '—'),
    ...(withTracking ? [esc(row.tracking ?? '—')] : []),
    state(row.state),
    percent(row.confidence),
    row.updatedAt ? day(row.updatedAt) : 'never',
    history,
  ];
}

export function renderSigPage(model: SigPageModel, links: SiteLinks): string {
  const withTracking = model.keps.some((k) => k.tracking !== null);
  const s = model.summary;
  const facts = [
    `${s.keps} KEPs`,
    `${s.byState['at-risk']} at risk`,
    `${s.blocked} blocked`,
    `${s.stale} stale`,
    s.confidence ? `${s.confidence.within} of ${s.confidence.reported} confidences within the cap` : null,
    s.responseRate === null ? null : `${s.responseRate}% response to ${s.roundsClosed} drumbeat rounds`,
  ].filter((f) => f !== null);
  const head = [
    'KEP',
    'Title',
    'Stage',
    ...(withTracking ? ['Tracking Status'] : []),
    'Reported state',
    'Confidence',
    'Updated',
    'History',
  ];
  const body = [
    `<h1>${esc(model.name)} <small>(${esc(model.dir)})</small> · ${esc(model.release)}</h1>`,
    `<p class="lede">${facts.map(esc).join(' · ')}</p>`,
    '<h2>KEPs</h2>',
    table(
      `KEPs of ${model.name}`,
      head,
      model.keps.map((k) => kepRow(k, links, withTracking)),
    ),
    figure(
      'KEPs by reported state',
      countBars(model.byState, `KEPs of ${model.name} by reported state`, true),
      table(
        'KEPs by reported state',
        ['', 'KEPs'],
        model.byState.map((c) => [esc(c.label), String(c.count)]),
      ),
    ),
    graphSection(model.graph, links, `Open blockers of ${model.name}'s KEPs, as a graph`),
    votesSection(model),
    planSection(model, links),
    exceptionsSection(model, links),
  ].join('\n');
  return page({
    title: `${model.name} · ${model.release} · Drumbeat`,
    release: model.release,
    links,
    crumb: model.name,
    generatedAt: model.generatedAt,
    repo: model.repo,
    body,
  });
}

function votesSection(model: SigPageModel): string {
  if (model.votes.length === 0) return '<h2>Votes</h2><p>No votes in the SIG channel this release.</p>';
  const rows = model.votes.map((v) => [
    esc(v.question),
    String(v.round),
    when(v.closesAt),
    esc(v.outcome),
    esc(v.ballots),
  ]);
  return `<h2>Votes</h2>${table('Fist-to-five votes', ['Question', 'Round', 'Closes', 'Outcome', 'Ballots'], rows)}`;
}

function planSection(model: SigPageModel, links: SiteLinks): string {
  const plan = model.plan;
  if (!plan) return '<h2>Plan</h2><p>No release plan saved.</p>';
  const approved = plan.approvedAt ? `approved ${day(plan.approvedAt)}` : 'not approved yet';
  const rows = plan.increments.flatMap((inc) =>
    inc.keps.map((k) => [
      `Increment ${inc.increment}`,
      kepLink(links, k.number),
      esc(k.title),
      `${k.confidence}%`,
    ]),
  );
  return `<h2>Plan</h2><p>Version ${plan.version}, saved ${day(plan.savedAt)}, ${approved}.</p>${table('The plan by increment', ['Increment', 'KEP', 'Title', 'Confidence'], rows)}`;
}

function exceptionsSection(model: SigPageModel, links: SiteLinks): string {
  if (model.exceptions.length === 0) return '<h2>Exception requests</h2><p>None.</p>';
  const rows = model.exceptions.map((e) => [
    kepLink(links, e.kep),
    esc(e.title),
    esc(e.freeze),
    esc(e.status),
    day(e.requestedAt),
    e.missing === null ? '—' : esc(e.missing),
  ]);
  return `<h2>Exception requests</h2>${table('Exception requests', ['KEP', 'Title', 'Past', 'Decision', 'Asked', 'What is missing'], rows)}`;
}

export function renderKepPage(model: KepPageModel, links: SiteLinks): string {
  const sig = model.owningSig
    ? `<a href="${esc(links.sig(model.owningSig))}">${esc(model.owningSigName ?? model.owningSig)}</a>`
    : '—';
  const latest = model.latest;
  const facts: Array<[string, string]> = [
    ['Owning SIG', sig],
    ['Participating SIGs', esc(model.participatingSigs.join(', ') || '—')],
    ['KEP status', esc(model.status ?? '—')],
    ['Stage', esc(model.stage ?? '—')],
    ['Milestones', esc(model.milestones.map((m) => `${m.stage} ${m.release}`).join(', ') || '—')],
    ['PRR approvals', esc(model.prrApprovals.map((p) => `${p.stage}: ${p.approver}`).join(', ') || '—')],
    ...(model.tracking !== null ? [['Tracking Status', esc(model.tracking)] as [string, string]] : []),
    [
      'Reported state',
      latest
        ? `${state(latest.state)}, ${percent(latest.confidence)} confidence, ${when(latest.at)}`
        : 'not reported this release',
    ],
    ...(latest?.note ? [['Note', esc(latest.note)] as [string, string]] : []),
  ];
  const linksList = `<ul><li><a href="${esc(model.links.issue)}">Enhancement issue #${model.number}</a></li><li><a href="${esc(model.links.kepYaml)}">kep.yaml</a></li><li><a href="${esc(model.links.directory)}">KEP directory</a></li>${model.pullRequests.map((p) => `<li><a href="${esc(p)}">${esc(p)}</a></li>`).join('')}</ul>`;
  const body = [
    `<h1>KEP-${model.number} ${esc(model.title)}</h1>`,
    `<dl>${facts.map(([k, v]) => `<dt>${esc(k)}</dt><dd>${v}</dd>`).join('')}</dl>`,
    `<h2>Links</h2>${linksList}`,
    historySection(model),
    blockersSection(model, links),
    graphSection(model.graph, links, `Open blockers around KEP-${model.number}, as a graph`),
    model.exceptions.length
      ? `<h2>Exception requests</h2>${table(
          'Exception requests',
          ['Past', 'Decision', 'Asked'],
          model.exceptions.map((e) => [esc(e.freeze), esc(e.status), day(e.requestedAt)]),
        )}`
      : '',
    model.warnings.length
      ? `<h2>What kep.yaml gets wrong</h2><ul>${model.warnings.map((w) => `<li>${esc(w)}</li>`).join('')}</ul>`
      : '',
  ].join('\n');
  return page({
    title: `KEP-${model.number} · ${model.release} · Drumbeat`,
    release: model.release,
    links,
    crumb: `KEP-${model.number}`,
    generatedAt: model.generatedAt,
    repo: model.repo,
    body,
  });
}

function historySection(model: KepPageModel): string {
  if (model.history.length === 0) return '<h2>History</h2><p>No update this release.</p>';
  const rows = model.history.map((h) => [
    when(h.at),
    state(h.state),
    percent(h.confidence),
    h.increment === null ? '—' : String(h.increment),
    esc(h.by),
    h.note === null ? '—' : esc(h.note),
  ]);
  return `<h2>History</h2>${table('Updates, newest first', ['When', 'State', 'Confidence', 'Increment', 'By', 'Note'], rows)}`;
}

function blockersSection(model: KepPageModel, links: SiteLinks): string {
  const by = model.blockedBy.map(
    (b) =>
      `<li>waits on ${b.kep !== null ? kepLink(links, b.kep) : esc(b.target)} since ${day(b.openedAt)}</li>`,
  );
  const on = model.waitingOnIt.map(
    (b) => `<li>${kepLink(links, b.kep)} waits on it since ${day(b.openedAt)}</li>`,
  );
  if (by.length + on.length === 0) return '<h2>Blockers</h2><p>No open blockers.</p>';
  return `<h2>Blockers</h2><ul>${[...by, ...on].join('')}</ul>`;
}
