/**
 * The escalation ladder's tables (`escalation_*`), in three parts: each blocker's place on the
 * ladder (here), its messages (escalation-messages-repo.ts) and its audit log
 * (escalation-events-repo.ts).
 */

import type { EscalationEvent, EscalationRepo, EscalationState } from '../../ports/escalation-store.ts';
import { cycleBrokenPrefix } from '../../ports/escalation-store.ts';
import type { Db } from '../open.ts';
import { createEscalationEvents, type EscalationEventsPart } from './escalation-events-repo.ts';
import { createEscalationMessages, type EscalationMessagesPart } from './escalation-messages-repo.ts';
import { storeRow } from './store-error.ts';

interface StateRow {
  blocker_id: number;
  in_release: number;
  acknowledged_by: string | null;
  acknowledged_at: string | null;
  snoozed_until: string | null;
  snoozes: number;
  cycle_key: string | null;
  resolution_announced_at: string | null;
  first_seen_at: string;
}

/** Everything but the messages and the log. */
type StatePart = Omit<EscalationRepo, keyof EscalationMessagesPart | keyof EscalationEventsPart>;

/** The escalation ladder's tables (`escalation_*`). */
export function createEscalationRepo(db: Db): EscalationRepo {
  const events = createEscalationEvents(db);
  return { ...createEscalationState(db, events.log), ...createEscalationMessages(db), ...events };
}

function stateStatements(db: Db) {
  return {
    unseen: db.prepare<[string], { id: number }>(`SELECT b.id FROM blockers b
      LEFT JOIN escalation_state s ON s.blocker_id = b.id
      WHERE b.release = ? AND b.closed_at IS NULL AND s.blocker_id IS NULL LIMIT 1`),
    state: db.prepare<[number], StateRow>('SELECT * FROM escalation_state WHERE blocker_id = ?'),
    steps: db
      .prepare<[number], number>('SELECT step FROM escalation_steps WHERE blocker_id = ? ORDER BY step')
      .pluck(),
    insertState: db.prepare(`INSERT INTO escalation_state (blocker_id, in_release, first_seen_at)
      VALUES (?, ?, ?) ON CONFLICT (blocker_id) DO NOTHING`),
    insertStep: db.prepare(`INSERT INTO escalation_steps (blocker_id, step, done_at, note) VALUES (?, ?, ?, ?)
      ON CONFLICT (blocker_id, step) DO NOTHING`),
    unannounced: db
      .prepare<[], number>(`SELECT s.blocker_id FROM escalation_state s JOIN blockers b ON b.id = s.blocker_id
        WHERE s.resolution_announced_at IS NULL AND b.closed_at IS NOT NULL ORDER BY b.closed_at, b.id`)
      .pluck(),
    announced: db.prepare('UPDATE escalation_state SET resolution_announced_at = ? WHERE blocker_id = ?'),
  };
}

/** Where each blocker is on the ladder: first sight, steps done, resolution announced. */
function createEscalationState(db: Db, log: (e: EscalationEvent) => void): StatePart {
  const q = stateStatements(db);
  const get = (blockerId: number): EscalationState | null => {
    const row = q.state.get(blockerId);
    return row ? stateFromRow(row, q.steps.all(blockerId)) : null;
  };
  return {
    hasUnseenOpen: (release) => q.unseen.get(release) !== undefined,
    get,
    ensure: (blockerId, inRelease, now) => {
      storeRow(`escalation of blocker ${blockerId}`, 'the blocker must exist', () =>
        q.insertState.run(blockerId, inRelease ? 1 : 0, now.toISOString()),
      );
      return get(blockerId)!;
    },
    recordStep: (blockerId, step, now, note) =>
      q.insertStep.run(blockerId, step, now.toISOString(), note).changes > 0,
    unannouncedClosed: () => q.unannounced.all(),
    markAnnounced: (blockerId, now) => {
      q.announced.run(now.toISOString(), blockerId);
    },
    ...createEscalationResponses(db, log),
  };
}

/** What people do to a blocker's escalation (acknowledge, snooze) and cycle marks, each logged. */
function createEscalationResponses(
  db: Db,
  log: (e: EscalationEvent) => void,
): Pick<EscalationRepo, 'acknowledge' | 'snooze' | 'markCycle' | 'clearCycle'> {
  const acknowledge = db.prepare(
    'UPDATE escalation_state SET acknowledged_by = ?, acknowledged_at = ? WHERE blocker_id = ?',
  );
  const snooze = db.prepare(
    'UPDATE escalation_state SET snoozed_until = ?, snoozes = snoozes + 1 WHERE blocker_id = ?',
  );
  const cycle = db.prepare('UPDATE escalation_state SET cycle_key = ? WHERE blocker_id = ?');
  const event = (blockerId: number, kind: EscalationEvent['kind'], by: string, now: Date, detail: string) =>
    log({ blockerId, kind, by, at: now.toISOString(), detail });
  return {
    acknowledge: db.transaction((ids: number[], by: string, now: Date) => {
      for (const id of ids) {
        acknowledge.run(by, now.toISOString(), id);
        event(id, 'acknowledged', by, now, '');
      }
    }),
    snooze: db.transaction((ids: number[], until: Date, by: string, now: Date) => {
      for (const id of ids) {
        snooze.run(until.toISOString(), id);
        event(id, 'snoozed', by, now, `until ${until.toISOString()}`);
      }
    }),
    markCycle: db.transaction((ids: number[], cycleKey: string, now: Date, detail: string) => {
      for (const id of ids) {
        cycle.run(cycleKey, id);
        event(id, 'cycle', 'drumbeat', now, detail);
      }
    }),
    clearCycle: db.transaction((ids: number[], now: Date, detail: string) => {
      for (const id of ids) {
        cycle.run(null, id);
        event(id, 'cycle', 'drumbeat', now, `${cycleBrokenPrefix}${detail}`);
      }
    }),
  };
}

function stateFromRow(row: StateRow, steps: number[]): EscalationState {
  return {
    blockerId: row.blocker_id,
    inRelease: row.in_release === 1,
    acknowledgedBy: row.acknowledged_by,
    acknowledgedAt: row.acknowledged_at,
    snoozedUntil: row.snoozed_until,
    snoozes: row.snoozes,
    cycleKey: row.cycle_key,
    resolutionAnnouncedAt: row.resolution_announced_at,
    firstSeenAt: row.first_seen_at,
    steps,
  };
}
