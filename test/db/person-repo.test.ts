import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makePerson } from './factories.ts';
import { type TempStore, tempStore } from './temp-db.ts';

let s: TempStore;
beforeEach(() => {
  s = tempStore();
});
afterEach(() => s.cleanup());

describe('person repository', () => {
  it('stores people and finds them by login (any case, with @) and by Slack id', () => {
    const jdoe = makePerson();
    const amy = makePerson({ github: 'amy', slack: null, timezone: 'UTC', quietHours: null });
    expect(s.store.people.upsertMany([jdoe, amy])).toEqual({ inserted: 2, changed: 0, unchanged: 0 });
    const expected = { ...jdoe, outOfOfficeUntil: null };
    expect(s.store.people.getByGithub('jdoe')).toEqual(expected);
    expect(s.store.people.getByGithub('@JDoe')).toEqual(expected);
    expect(s.store.people.getBySlackId('U012ABCDEF')).toEqual(expected);
    expect(s.store.people.getBySlackId('U000')).toBeNull();
    expect(s.store.people.list().map((p) => p.github)).toEqual(['amy', 'jdoe']);
    expect(s.store.people.getByGithub('amy')?.quietHours).toBeNull();
  });

  it('is idempotent and updates changed fields, including the login spelling', () => {
    s.store.people.upsertMany([makePerson()]);
    expect(s.store.people.upsertMany([makePerson()])).toEqual({ inserted: 0, changed: 0, unchanged: 1 });
    const moved = makePerson({ github: 'JDoe', timezone: 'Asia/Tokyo', quietHours: null });
    expect(s.store.people.upsertMany([moved])).toEqual({ inserted: 0, changed: 1, unchanged: 0 });
    expect(s.store.people.list()).toEqual([{ ...moved, outOfOfficeUntil: null }]);
  });

  it('sets, reads and clears out-of-office, and keeps it across a config re-import', () => {
    s.store.people.upsertMany([makePerson()]);
    expect(s.store.people.setOutOfOffice('jdoe', '2026-07-01T02:00:00+02:00')).toBe(true);
    expect(s.store.people.getByGithub('jdoe')?.outOfOfficeUntil).toBe('2026-07-01T00:00:00.000Z');
    s.store.people.upsertMany([makePerson({ timezone: 'UTC' })]);
    expect(s.store.people.getBySlackId('U012ABCDEF')?.outOfOfficeUntil).toBe('2026-07-01T00:00:00.000Z');
    expect(s.store.people.setOutOfOffice('JDOE', null)).toBe(true);
    expect(s.store.people.getByGithub('jdoe')?.outOfOfficeUntil).toBeNull();
  });

  it('says when there is no such person to mark out of office', () => {
    expect(s.store.people.setOutOfOffice('ghost', '2026-07-01T00:00:00Z')).toBe(false);
  });

  it.each(['next week', '2026-07-01', '2026-13-01T00:00:00Z'])('refuses out-of-office "%s"', (until) => {
    s.store.people.upsertMany([makePerson()]);
    expect(() => s.store.people.setOutOfOffice('jdoe', until)).toThrow(/not an ISO-8601 instant/);
    expect(s.store.people.getByGithub('jdoe')?.outOfOfficeUntil).toBeNull();
  });

  it('refuses two people with one Slack id, storing neither', () => {
    const batch = [makePerson(), makePerson({ github: 'twin' })];
    expect(() => s.store.people.upsertMany(batch)).toThrow(/person "twin" was not stored.*Slack user id/);
    expect(s.store.people.list()).toEqual([]);
  });

  it('moves a Slack id to another login on a later import, the old login keeping no Slack user', () => {
    s.store.people.upsertMany([makePerson({ github: 'salaxander', slack: 'UDHV1RXB2' })]);
    const moved = makePerson({ github: 'Xander', slack: 'UDHV1RXB2' });
    expect(s.store.people.upsertMany([moved])).toEqual({ inserted: 1, changed: 0, unchanged: 0 });
    expect(s.store.people.getBySlackId('UDHV1RXB2')?.github).toBe('Xander');
    expect(s.store.people.getByGithub('salaxander')?.slack).toBeNull();
  });

  it('swaps two Slack ids between two logins in one batch', () => {
    const a = makePerson({ github: 'ann', slack: 'U0000000AA' });
    const b = makePerson({ github: 'bob', slack: 'U0000000BB' });
    s.store.people.upsertMany([a, b]);
    const swapped = [
      { ...a, slack: 'U0000000BB' },
      { ...b, slack: 'U0000000AA' },
    ];
    expect(s.store.people.upsertMany(swapped)).toEqual({ inserted: 0, changed: 2, unchanged: 0 });
    expect(s.store.people.getBySlackId('U0000000BB')?.github).toBe('ann');
    expect(s.store.people.getBySlackId('U0000000AA')?.github).toBe('bob');
  });

  it('keeps the Slack id of a login spelled in another case, and refuses an unchanged holder losing it to a new one', () => {
    s.store.people.upsertMany([makePerson()]);
    expect(s.store.people.upsertMany([makePerson({ github: 'JDOE' })]).changed).toBe(1);
    expect(s.store.people.getBySlackId('U012ABCDEF')?.github).toBe('JDOE');
    const batch = [makePerson({ github: 'JDOE' }), makePerson({ github: 'twin' })];
    expect(() => s.store.people.upsertMany(batch)).toThrow(/person "twin" was not stored/);
    expect(s.store.people.getBySlackId('U012ABCDEF')?.github).toBe('JDOE');
  });

  it('refuses quiet hours not written HH:MM', () => {
    const bad = makePerson({ quietHours: { from: '7pm', to: '08:00', weekends: false } });
    expect(() => s.store.people.upsertMany([bad])).toThrow(/quiet hours as HH:MM/);
  });
});
