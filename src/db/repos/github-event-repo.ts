import type { GithubEvent, GithubEventKind } from '../../domain/github-snapshots.ts';
import type { GithubEventRepo } from '../../ports/github-store.ts';
import type { Db } from '../open.ts';
import { StoreError, storeRow } from './store-error.ts';

interface EventRow {
  id: number;
  key: string;
  kind: GithubEventKind;
  kep_number: number | null;
  field: string | null;
  before: string | null;
  after: string | null;
  message: string;
  occurred_at: string;
  recorded_at: string;
}

function toEvent(row: EventRow): GithubEvent {
  return {
    id: row.id,
    key: row.key,
    kind: row.kind,
    kepNumber: row.kep_number,
    field: row.field,
    before: row.before,
    after: row.after,
    message: row.message,
    occurredAt: row.occurred_at,
    recordedAt: row.recorded_at,
  };
}

/** What changed on GitHub (table `github_events`), once per key. */
export function createGithubEventRepo(db: Db): GithubEventRepo {
  const insert = db.prepare(`INSERT INTO github_events (key, kind, kep_number, field, before, after, message,
      occurred_at, recorded_at)
    VALUES (@key, @kind, @kepNumber, @field, @before, @after, @message, @occurredAt, @recordedAt)
    ON CONFLICT (key) DO NOTHING`);
  const byId = db.prepare<[number | bigint], EventRow>('SELECT * FROM github_events WHERE id = ?');
  const after = db.prepare<[number, number], EventRow>(
    'SELECT * FROM github_events WHERE id > ? ORDER BY id LIMIT ?',
  );
  const since = db.prepare<[string, number], EventRow>(
    'SELECT * FROM github_events WHERE recorded_at >= ? ORDER BY id LIMIT ?',
  );
  const byKep = db.prepare<[number, number], EventRow>(
    'SELECT * FROM github_events WHERE kep_number = ? ORDER BY id DESC LIMIT ?',
  );
  const record = db.transaction((events: Parameters<GithubEventRepo['record']>[0], now: Date) => {
    const recordedAt = now.toISOString();
    const created: GithubEvent[] = [];
    for (const event of events) {
      const result = storeRow(
        `GitHub event ${event.key}`,
        'an event needs a unique key, a known kind and a message',
        () => insert.run({ ...event, recordedAt }),
      );
      if (result.changes > 0) created.push(toEvent(byId.get(result.lastInsertRowid)!));
    }
    return created;
  });

  return {
    record: (events, now) => (events.length ? record(events, now) : []),
    listAfter: (afterId, limit) => after.all(afterId, limit).map(toEvent),
    // recorded_at is `toISOString()` text: compare in the same form (`…:00Z` would sort after `…:00.000Z`)
    listSince: (iso, limit) => {
      if (Number.isNaN(Date.parse(iso)))
        throw new StoreError(
          `GitHub events since "${iso}": pass an ISO-8601 instant such as 2026-06-01T12:00:00Z`,
        );
      return since.all(new Date(iso).toISOString(), limit).map(toEvent);
    },
    listByKep: (kepNumber, limit) => byKep.all(kepNumber, limit).map(toEvent),
  };
}
