/**
 * The release report as text for the CLI: plain lines for a terminal, or Markdown (`--markdown`) to
 * paste into a document. User text (comments, retrospective items) is escaped in Markdown. Pure.
 */
import { freezeNames } from './exception.ts';
import type { ProgramMetrics } from './program-metrics.ts';
import { markdownEscape as md, percent, type ReleaseReport } from './release-report.ts';
import { bullet, duration, heading, type ReportStyle } from './report-format.ts';
import { renderPulse, renderRetro } from './report-people-text.ts';

export type { ReportStyle };

function kepLines(m: ProgramMetrics): string[] {
  const k = m.keps;
  const tracked = k.trackedAtFreeze
    .map((f) => `${freezeNames[f.freeze]}${f.at ? ` (${f.at.slice(0, 10)})` : ''}: ${f.tracked ?? '—'}`)
    .join(', ');
  const shipped = Object.entries(k.shippedByStage).map(([stage, n]) => `${stage} ${n}`);
  return [
    `KEPs opted in: ${k.optedIn}; removed: ${k.removed}; deferred: ${k.deferred}`,
    `tracked at ${tracked}`,
    `shipped: ${shipped.length > 0 ? shipped.join(', ') : 'none reported done'}`,
    `exceptions: ${m.exceptions
      .map((e) => `${freezeNames[e.freeze]} ${e.requested} requested, ${e.approved} approved`)
      .join('; ')}`,
  ];
}

function flowLines(m: ProgramMetrics): string[] {
  const { rounds: r, blockers: b, votes: v } = m;
  const steps = b.stepsReached.map((s) => `step ${s.step}: ${s.blockers}`).join(', ');
  return [
    `rounds: ${r.rounds}; ${r.kepsUpdated} of ${r.kepsAsked} KEP check-ins answered (${percent(r.responseRate)}); median time to first update ${duration(r.medianFirstUpdateMs)}`,
    `blockers: ${b.opened} opened, ${b.resolved} resolved, ${b.stillOpen} open; time to resolve median ${duration(b.medianResolveMs)}, p90 ${duration(b.p90ResolveMs)}; escalation ${steps || 'never needed'}`,
    ...(v
      ? [
          `votes: ${v.held} held, ${v.revotes} re-votes, ${v.decided} decided (${v.approved} approved); median time to decision ${duration(v.medianDecisionMs)}`,
        ]
      : []),
  ];
}

function calibrationLines(m: ProgramMetrics): string[] {
  const rows = m.calibration.byBand.filter((b) => b.committed > 0);
  if (rows.length === 0) return ['confidence calibration: no plan committed'];
  const bands = rows.map((b) => `${b.band}% → ${b.landed}/${b.committed} landed (${percent(b.landedShare)})`);
  const incs = m.calibration.byIncrement.map(
    (i) =>
      `increment ${i.increment}: mean ${Math.round(i.meanConfidence ?? 0)}% committed, ${percent(i.landedShare)} landed`,
  );
  return [`confidence calibration: ${bands.join('; ')}`, `by increment: ${incs.join('; ')}`];
}

export function metricLines(m: ProgramMetrics): string[] {
  return [...kepLines(m), ...flowLines(m), ...calibrationLines(m)];
}

function sigTable(report: ReleaseReport, style: ReportStyle): string[] {
  const head = ['SIG', 'opted in', 'removed', 'shipped', 'round answers', 'blockers', 'median resolve'];
  const rows = report.metrics.bySig.map((s) => [
    s.sig,
    String(s.keps.optedIn),
    String(s.keps.removed),
    String(Object.values(s.keps.shippedByStage).reduce((a, b) => a + b, 0)),
    percent(s.rounds.responseRate),
    String(s.blockers.opened),
    duration(s.blockers.medianResolveMs),
  ]);
  return table(head, rows, style);
}

/** A Markdown table, or space-aligned columns on a terminal. */
export function table(head: string[], rows: string[][], style: ReportStyle): string[] {
  if (rows.length === 0) return [bullet('nothing recorded', style)];
  if (style.markdown) {
    const line = (cells: string[]) => `| ${cells.map(md).join(' | ')} |`;
    return [line(head), `|${head.map(() => ' --- |').join('')}`, ...rows.map(line)];
  }
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(head), ...rows.map(line)];
}

export function renderReport(report: ReleaseReport, style: ReportStyle): string {
  const when = `${report.asOf.slice(0, 16).replace('T', ' ')} UTC`;
  return [
    ...heading(`${report.release} release report (as of ${when})`, 1, style),
    ...heading('Program metrics', 2, style),
    ...metricLines(report.metrics.overall).map((l) => bullet(l, style)),
    '',
    ...heading('Per SIG', 2, style),
    ...sigTable(report, style),
    '',
    ...renderPulse(report.pulse, report.npsTrend, style),
    '',
    ...renderRetro(report.retro, style),
    '',
  ].join('\n');
}
