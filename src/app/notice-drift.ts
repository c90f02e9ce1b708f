/**
 * Drift between labels, milestone, board and kep.yaml, told to the PM channel once per finding
 * (again only when its disagreeing values change): after each sync, one post listing what is new.
 * The post's key is derived from the findings, so a crash between posting and marking them told
 * never posts the same news twice.
 */
import { findingsDigest } from '../domain/drift.ts';
import type { DriftNoticeDeps } from '../ports/drift-notice.ts';

export const driftNoticePrefix = 'drift-notice:';

/** Posts the findings the PM channel was not told of yet and marks them told; returns how many. */
export async function noticeDrift(deps: DriftNoticeDeps, now: Date): Promise<number> {
  if (!deps.pmChannel) return 0;
  const findings = deps.store.githubDrift.listUnnoticed();
  if (findings.length === 0) return 0;
  await deps.chat.post({
    key: `${driftNoticePrefix}${findingsDigest(findings)}`,
    lane: 'scheduled',
    channel: deps.pmChannel,
    ...deps.render(findings),
  });
  deps.store.githubDrift.markNoticed(
    findings.map((f) => f.key),
    now,
  );
  deps.logger.info('drift: told the PM channel', { findings: findings.length });
  return findings.length;
}
