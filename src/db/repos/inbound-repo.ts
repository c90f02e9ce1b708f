import type { Db } from '../open.ts';

/** What an inbound key identifies: a delivery (`event`, `trigger`) or a person's click. */
export type InboundKind = 'event' | 'trigger' | 'click' | 'other';

/** The ledger of inbound deliveries and clicks already handled (table `slack_inbound`). */
export interface InboundRepo {
  /**
   * Records `key` as handled at `now`. True the first time; false for a duplicate. With
   * `windowMs`, a key seen longer ago than the window counts as new again (and is refreshed):
   * that is how a double click is told from a second, deliberate click.
   */
  claim(key: string, kind: InboundKind, now: Date, windowMs?: number): boolean;
  /** Forgets `key` (its handler failed, so Slack's retry may run it again). */
  release(key: string): void;
  /** Deletes keys seen before `olderThan`; returns how many. */
  prune(olderThan: Date): number;
}

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
