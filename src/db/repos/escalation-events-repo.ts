/** The escalation ladder's audit log (`escalation_events`): who acknowledged, snoozed, and when. */
import type { EscalationEvent, EscalationEventKind, EscalationRepo } from '../../ports/escalation-store.ts';
import type { Db } from '../open.ts';

interface EventRow {
  blocker_id: number;
  kind: EscalationEventKind;
  by: string;
  at: string;
  detail: string;
}

export type EscalationEventsPart = Pick<EscalationRepo, 'log' | 'events'>;

export function createEscalationEvents(db: Db): EscalationEventsPart {
  const insert = db.prepare(
    'INSERT INTO escalation_events (blocker_id, kind, by, at, detail) VALUES (?, ?, ?, ?, ?)',
  );
  const select = db.prepare<[number], EventRow>(
    'SELECT blocker_id, kind, by, at, detail FROM escalation_events WHERE blocker_id = ? ORDER BY id',
  );
  return {
    log: (e: EscalationEvent) => {
      insert.run(e.blockerId, e.kind, e.by, e.at, e.detail);
    },
    events: (blockerId) => select.all(blockerId).map(toEvent),
  };
}

function toEvent(row: EventRow): EscalationEvent {
  return { blockerId: row.blocker_id, kind: row.kind, by: row.by, at: row.at, detail: row.detail };
}
