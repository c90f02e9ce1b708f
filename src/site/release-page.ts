/** The release page: calendar, KEPs by Status / state / stage, burn-up, SIGs and the dependency graph. */
import { type StateKey, stateKeys } from '../domain/digest.ts';
import { swatch } from './chart-style.ts';
import { burnupChart, calendarChart, countBars, stageBars } from './charts.ts';
import { drawnGraph } from './dependency-graph.ts';
import { graphChart } from './graph-chart.ts';
import { day, esc, figure, page, type SiteLinks, table, when } from './html.ts';
import { stateLabel } from './release-model.ts';
import type { Count, DependencyGraphModel, ReleaseModel, SigSummaryRow } from './site-types.ts';

export function renderReleasePage(model: ReleaseModel, links: SiteLinks): string {
  const body = [
    `<h1>Kubernetes ${esc(model.release)} release</h1>`,
    lede(model),
    calendarSection(model),
    statusSection(model),
    stageSection(model),
    burnupSection(model),
    sigSection(model, links),
    graphSection(model.graph, links, 'Open blockers between KEPs and SIGs, as a graph'),
  ].join('\n');
  return page({
    title: `${model.release} release · Drumbeat`,
    release: model.release,
    links,
    generatedAt: model.generatedAt,
    repo: model.repo,
    body,
  });
}

function lede(model: ReleaseModel): string {
  const freeze = model.calendar.nextFreeze;
  const next = freeze
    ? ` Next freeze: <strong>${esc(freeze.name)}</strong> at ${when(freeze.startsAt)}, in <strong>${esc(freeze.countdown)}</strong>.`
    : ' No freeze is ahead.';
  return `<p class="lede">${model.total} KEPs across ${model.sigs.filter((s) => s.keps > 0).length} SIGs.${next}</p>`;
}

const legend = (states: readonly StateKey[]) =>
  `<p class="legend">${states.map((s) => swatch(s, esc(stateLabel(s)))).join('')}</p>`;

function calendarSection(model: ReleaseModel): string {
  const cal = model.calendar;
  const next = cal.next?.name;
  const rows = cal.rows.map((r) => [
    esc(r.name) + (r.freeze ? ' (freeze)' : ''),
    when(r.startsAt),
    r.past ? 'past' : r.name === next ? '<strong>next</strong>' : 'ahead',
  ]);
  return `<h2>Calendar</h2>${figure(
    'Release calendar: the main milestones on the time axis; freezes are diamonds, the dashed line is now',
    calendarChart(cal, `Release calendar of ${model.release} with today marked`),
    table('Milestones', ['Milestone', 'When', 'Now'], rows),
  )}`;
}

function countTable(caption: string, counts: readonly Count[]): string {
  return table(
    caption,
    ['', 'KEPs'],
    counts.map((c) => [esc(c.label), String(c.count)]),
  );
}

function statusSection(model: ReleaseModel): string {
  const tracking = model.byTracking
    ? figure(
        'KEPs by tracking Status',
        countBars(model.byTracking, `KEPs of ${model.release} by tracking Status`, false),
        countTable('KEPs by tracking Status', model.byTracking),
      )
    : '';
  return `<h2>KEPs by Status</h2>${tracking}${figure(
    'KEPs by the state their SIG last reported',
    countBars(model.byState, `KEPs of ${model.release} by reported state`, true),
    countTable('KEPs by reported state', model.byState),
  )}`;
}

function stageSection(model: ReleaseModel): string {
  const rows = model.byStage.map((s) => [
    esc(s.stage),
    ...stateKeys.map((k) => String(s.byState[k])),
    String(s.total),
  ]);
  return `<h2>KEPs by stage</h2>${figure(
    'KEPs by stage, split by reported state',
    stageBars(model.byStage, stateKeys, `KEPs of ${model.release} by stage and reported state`),
    table('KEPs by stage and state', ['Stage', ...stateKeys.map((k) => esc(stateLabel(k))), 'Total'], rows),
    legend(stateKeys),
  )}`;
}

function burnupSection(model: ReleaseModel): string {
  const days = [...new Set(model.burnup.map((p) => p.day))];
  const weekly = days.filter((_, i) => i % 7 === 0 || i === days.length - 1);
  const at = new Map(model.burnup.map((p) => [`${p.day} ${p.state}`, p.count]));
  const rows = weekly.map((d) => [day(d), ...stateKeys.map((k) => String(at.get(`${d} ${k}`) ?? 0))]);
  return `<h2>Burn-up over the cycle</h2>${figure(
    'KEPs in each reported state at the end of each day of the cycle',
    days.length > 1
      ? burnupChart(model.burnup, stateKeys, `Burn-up of ${model.release}: KEPs per reported state per day`)
      : '',
    table('KEPs per state, weekly', ['Day', ...stateKeys.map((k) => esc(stateLabel(k)))], rows),
    legend(stateKeys),
  )}`;
}

function sigRow(s: SigSummaryRow, links: SiteLinks, trackingKeys: readonly string[]): string[] {
  const confidence = s.confidence?.reported
    ? `${s.confidence.within} of ${s.confidence.reported} within cap`
    : '—';
  const response = s.responseRate === null ? '—' : `${s.responseRate}% of ${s.roundsClosed} rounds`;
  return [
    `<a href="${esc(links.sig(s.dir))}">${esc(s.name)}</a>`,
    String(s.keps),
    ...trackingKeys.map((k) => String(s.tracking?.[k] ?? 0)),
    String(s.byState['on-track']),
    String(s.byState['at-risk']),
    String(s.blocked),
    String(s.stale),
    confidence,
    response,
  ];
}

function sigSection(model: ReleaseModel, links: SiteLinks): string {
  const trackingKeys = model.byTracking?.map((c) => c.key) ?? [];
  const head = [
    'SIG',
    'KEPs',
    ...trackingKeys.map(esc),
    'On track',
    'At risk',
    'Blocked',
    'Stale',
    'Commit confidence',
    'Round response',
  ];
  return `<h2>SIGs</h2>${table(
    'KEPs per SIG',
    head,
    model.sigs.filter((s) => s.keps > 0).map((s) => sigRow(s, links, trackingKeys)),
  )}`;
}

/** The graph drawn, its cycles called out, and its edges as a list (the text alternative). */
export function graphSection(graph: DependencyGraphModel, links: SiteLinks, caption: string): string {
  if (graph.edges.length === 0) return '<h2>Dependencies</h2><p>No open blockers.</p>';
  // each node's name once, however many blockers it has
  const names = new Map(
    graph.nodes.map((n) => [
      n.id,
      n.kep !== null
        ? `<a href="${esc(links.kep(n.kep))}">${esc(n.label)}</a>${n.title ? ` ${esc(n.title)}` : ''}`
        : esc(n.label),
    ]),
  );
  const name = (id: string) => names.get(id) ?? esc(id);
  const cycles = graph.cycles.length
    ? `<div class="callout cycle"><p><strong>Dependency cycle${graph.cycles.length > 1 ? 's' : ''}:</strong></p><ul>${graph.cycles.map((c) => `<li>${esc(c)}</li>`).join('')}</ul></div>`
    : '';
  const items = graph.edges.map(
    (e) =>
      `<li>${name(e.from)} waits on ${name(e.to)} since ${day(e.openedAt)}${e.cycle ? ' (in a cycle)' : ''}</li>`,
  );
  const drawn = drawnGraph(graph);
  const part =
    drawn.omitted > 0
      ? ` (${drawn.graph.edges.length} drawn: cycles first, then the oldest; the list has all)`
      : '';
  const note =
    drawn.omitted > 0
      ? `<p>${graph.edges.length} open blockers are too many to draw legibly: the drawing shows ${drawn.graph.edges.length} (every cycle first, then the oldest); the list under it has all of them.</p>`
      : '';
  return `<h2>Dependencies</h2>${cycles}${note}${figure(
    caption,
    graphChart(
      drawn.graph,
      links.kep,
      `${caption}: ${graph.edges.length} open blockers${part}, ${graph.cycles.length} cycles`,
    ),
    `<ul>${items.join('')}</ul>`,
  )}`;
}
