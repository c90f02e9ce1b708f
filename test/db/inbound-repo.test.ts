import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createInboundRepo, type InboundRepo } from '../../src/db/repos/inbound-repo.ts';
import { type OutboxDb, tempOutboxDb } from '../slack/outbox/outbox-db.ts';

const t0 = new Date('2026-06-02T16:00:00.000Z');
const at = (ms: number) => new Date(t0.getTime() + ms);

let store: OutboxDb;
let repo: InboundRepo;
beforeEach(() => {
  store = tempOutboxDb();
  repo = createInboundRepo(store.db);
});
afterEach(() => store.cleanup());

describe('inbound repo', () => {
  it('claims a delivery key once, for good', () => {
    expect(repo.claim('event:Ev1', 'event', t0)).toBe(true);
    expect(repo.claim('event:Ev1', 'event', at(60 * 60_000))).toBe(false);
    expect(repo.claim('event:Ev2', 'event', t0)).toBe(true);
  });

  it.each([
    { second: 1, duplicate: true },
    { second: 2999, duplicate: true },
    { second: 3000, duplicate: false },
    { second: 60_000, duplicate: false },
  ])('a click again after $second ms within a 3 s window: duplicate=$duplicate', ({ second, duplicate }) => {
    expect(repo.claim('click:U1:1.0:vote:3', 'click', t0, 3000)).toBe(true);
    expect(repo.claim('click:U1:1.0:vote:3', 'click', at(second), 3000)).toBe(!duplicate);
  });

  it('refreshes a click only when it counts, so a burst of clicks stays one click', () => {
    expect(repo.claim('click:k', 'click', t0, 3000)).toBe(true);
    expect(repo.claim('click:k', 'click', at(2000), 3000)).toBe(false);
    // measured from the first click, not the ignored second one
    expect(repo.claim('click:k', 'click', at(3500), 3000)).toBe(true);
    expect(repo.claim('click:k', 'click', at(5000), 3000)).toBe(false);
  });

  it('releases a key so a retry can run again, and prunes old keys', () => {
    repo.claim('trigger:T1', 'trigger', t0);
    repo.release('trigger:T1');
    expect(repo.claim('trigger:T1', 'trigger', t0)).toBe(true);
    repo.claim('event:old', 'event', at(-4 * 24 * 60 * 60_000));
    expect(repo.prune(at(-3 * 24 * 60 * 60_000))).toBe(1);
    expect(repo.claim('event:old', 'event', t0)).toBe(true);
    expect(repo.claim('trigger:T1', 'trigger', t0)).toBe(false);
  });
});
