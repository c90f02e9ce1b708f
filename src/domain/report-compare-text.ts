/** Several releases side by side: one row per metric, one column per release. Pure. */

import { percent, type ReleaseReport } from './release-report.ts';
import { duration, heading, type ReportStyle } from './report-format.ts';
import { table } from './report-text.ts';

type Row = [label: string, value: (r: ReleaseReport) => string];

const rows: Row[] = [
  ['KEPs opted in', (r) => String(r.metrics.overall.keps.optedIn)],
  ...(['enhancements-freeze', 'code-freeze', 'docs-freeze'] as const).map(
    (freeze): Row => [
      `tracked at ${freeze}`,
      (r) => String(r.metrics.overall.keps.trackedAtFreeze.find((f) => f.freeze === freeze)?.tracked ?? '—'),
    ],
  ),
  ['removed', (r) => String(r.metrics.overall.keps.removed)],
  ['deferred', (r) => String(r.metrics.overall.keps.deferred)],
  ['shipped', (r) => String(Object.values(r.metrics.overall.keps.shippedByStage).reduce((a, b) => a + b, 0))],
  ['exceptions requested', (r) => String(r.metrics.overall.exceptions.reduce((n, e) => n + e.requested, 0))],
  ['exceptions approved', (r) => String(r.metrics.overall.exceptions.reduce((n, e) => n + e.approved, 0))],
  ['round response rate', (r) => percent(r.metrics.overall.rounds.responseRate)],
  ['median time to first update', (r) => duration(r.metrics.overall.rounds.medianFirstUpdateMs)],
  ['blockers opened', (r) => String(r.metrics.overall.blockers.opened)],
  ['blocker resolve median', (r) => duration(r.metrics.overall.blockers.medianResolveMs)],
  ['blocker resolve p90', (r) => duration(r.metrics.overall.blockers.p90ResolveMs)],
  ['votes held', (r) => String(r.metrics.overall.votes?.held ?? 0)],
  ['re-votes', (r) => String(r.metrics.overall.votes?.revotes ?? 0)],
  ['median time to decision', (r) => duration(r.metrics.overall.votes?.medianDecisionMs ?? null)],
  ['NPS', (r) => (r.pulse?.shown ? String(r.pulse.nps) : '—')],
  ['pulse response rate', (r) => (r.pulse ? percent(r.pulse.responseRate) : '—')],
  ['retro items', (r) => (r.retro ? String(Object.values(r.retro.items).flat().length) : '—')],
];

export function renderComparison(reports: readonly ReleaseReport[], style: ReportStyle): string {
  const asOf = reports[0]?.asOf.slice(0, 16).replace('T', ' ') ?? '';
  return [
    ...heading(
      `Releases compared: ${reports.map((r) => r.release).join(', ')} (as of ${asOf} UTC)`,
      1,
      style,
    ),
    ...table(
      ['metric', ...reports.map((r) => r.release)],
      rows.map(([label, value]) => [label, ...reports.map(value)]),
      style,
    ),
    '',
  ].join('\n');
}
