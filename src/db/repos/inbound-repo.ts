import type { InboundKind, InboundRepo } from '../../ports/inbound-store.ts';
import type { Db } from '../open.ts';

export type { InboundKind, InboundRepo };

/** Builds the inbound ledger on an open, migrated database. */
export function createInboundRepo(db: Db): InboundRepo {
  const insertOnce = db.prepare<[string, string, string]>(
    'INSERT INTO slack_inbound (key, kind, seen_at) VALUES (?, ?, ?) ON CONFLICT (key) DO NOTHING',
  );
  const upsertAfter = db.prepare<
    [string, string, string, string]
  >(`INSERT INTO slack_inbound (key, kind, seen_at)
    VALUES (?, ?, ?)
    ON CONFLICT (key) DO UPDATE SET seen_at = excluded.seen_at, kind = excluded.kind
    WHERE slack_inbound.seen_at <= ?`);
  const remove = db.prepare<[string]>('DELETE FROM slack_inbound WHERE key = ?');
  const pruneBefore = db.prepare<[string]>('DELETE FROM slack_inbound WHERE seen_at < ?');

  return {
    claim: (key, kind, now, windowMs) => {
      if (windowMs === undefined) return insertOnce.run(key, kind, now.toISOString()).changes === 1;
      const cutoff = new Date(now.getTime() - windowMs).toISOString();
      return upsertAfter.run(key, kind, now.toISOString(), cutoff).changes === 1;
    },
    release: (key) => void remove.run(key),
    prune: (olderThan) => pruneBefore.run(olderThan.toISOString()).changes,
  };
}
