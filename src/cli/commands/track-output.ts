import type { TrackedKep } from '../../app/track-release.ts';
import type { FreezeMilestone } from '../../domain/current-freeze.ts';
import { type RequirementOutcome, withOutcome } from '../../domain/freeze-readiness.ts';

const marks: Record<RequirementOutcome, string> = { met: 'met', unmet: 'UNMET', unverified: 'unverified' };

const requirementJson = (r: TrackedKep['requirements'][number]) => ({
  requirement: r.id,
  name: r.name,
  reason: r.reason,
  source: r.source,
});

/** One JSON object per KEP. */
export function trackJson(row: TrackedKep, freeze: FreezeMilestone): string {
  return JSON.stringify({
    kep: row.kep.number,
    path: row.kep.path,
    title: row.kep.title,
    sig: row.kep.owningSig,
    stage: row.kep.stage,
    freeze: freeze.kind,
    status: row.status,
    statusFrom: row.statusFrom,
    computedStatus: row.computedStatus,
    selfReport: row.selfReport,
    unmet: withOutcome(row.requirements, 'unmet').map(requirementJson),
    unverified: withOutcome(row.requirements, 'unverified').map(requirementJson),
    met: withOutcome(row.requirements, 'met').map(requirementJson),
  });
}

/** The KEP's lines: a heading, then each requirement with its outcome and reason. */
export function trackText(row: TrackedKep): string {
  const { kep } = row;
  const report = row.selfReport ? ` · SIG reports ${row.selfReport}` : '';
  const differs = row.computedStatus !== row.status ? `; the requirements say ${row.computedStatus}` : '';
  const from = row.statusFrom === 'board' ? ` (tracking board${differs})` : '';
  const head = `KEP-${kep.number} ${kep.title} (${kep.owningSig ?? 'no SIG'}, ${kep.stage ?? 'no stage'}): ${row.status}${from}${report}`;
  const lines = row.requirements.map((r) => `  ${marks[r.outcome].padEnd(10)} ${r.name}: ${r.reason}`);
  return [head, ...lines].join('\n');
}

/** The summary line: how many KEPs, by Status. */
export function trackSummary(
  rows: readonly TrackedKep[],
  release: string,
  freeze: FreezeMilestone,
  at: Date,
): string {
  const counts = new Map<string, number>();
  for (const row of rows) counts.set(row.status, (counts.get(row.status) ?? 0) + 1);
  const byStatus = [...counts].map(([status, n]) => `${n} ${status}`).join(', ');
  return `${release}, ${freeze.name} (${freeze.at.toISOString()}), as of ${at.toISOString()}: ${rows.length} KEPs${byStatus ? ` (${byStatus})` : ''}`;
}

/** The rule sources, once, at the end of the text output. */
export function trackSources(rows: readonly TrackedKep[]): string {
  const sources = new Map<string, string>();
  for (const row of rows) for (const r of row.requirements) sources.set(r.name, r.source);
  return [
    'Where each requirement comes from:',
    ...[...sources].map(([name, source]) => `  ${name}: ${source}`),
  ].join('\n');
}
