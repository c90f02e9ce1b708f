/** The weekly digest's one-line "process health" of a SIG, from its program metrics. Pure. */
import type { SigHealth } from './program-metrics.ts';
import { percent } from './release-report.ts';
import { duration } from './report-format.ts';

export function processHealthLine(m: SigHealth): string {
  const r = m.rounds;
  const rounds =
    r.kepsAsked === 0
      ? 'no round check-ins yet'
      : `${percent(r.responseRate)} of round check-ins answered (median ${duration(r.medianFirstUpdateMs)} to the first update)`;
  const b = m.blockers;
  const blockers =
    b.opened === 0
      ? 'no blockers'
      : `${b.opened} blocker${b.opened === 1 ? '' : 's'} (${b.stillOpen} open; median ${duration(b.medianResolveMs)} to resolve)`;
  const requested = m.exceptions.reduce((n, e) => n + e.requested, 0);
  const approved = m.exceptions.reduce((n, e) => n + e.approved, 0);
  return `Process health: ${rounds} · ${blockers} · ${requested} exception request${requested === 1 ? '' : 's'} (${approved} approved)`;
}
