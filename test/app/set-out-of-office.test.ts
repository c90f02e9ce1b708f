import { afterEach, describe, expect, it } from 'vitest';
import { setOutOfOffice } from '../../src/app/set-out-of-office.ts';
import { type TempStore, tempStore } from '../db/temp-db.ts';

let db: TempStore | null = null;
afterEach(() => {
  db?.cleanup();
  db = null;
});

function setup() {
  db = tempStore();
  db.store.people.upsertMany([
    { github: 'alice', slack: 'U0000000003', timezone: 'America/Los_Angeles', quietHours: null },
  ]);
  return db.store;
}
const now = new Date('2026-11-20T12:00:00Z');

describe('setOutOfOffice', () => {
  it('sets an absence through the end of the day in the person’s zone, shows it, and ends it', () => {
    const store = setup();
    const set = setOutOfOffice({ store }, { slackUser: 'U0000000003', text: 'until 2026-12-01', now });
    // Dec 2 00:00 in Los Angeles (PST) = 08:00 UTC
    expect(set).toMatchObject({ ok: true, change: 'set', until: '2026-12-02T08:00:00.000Z' });
    expect(store.people.getByGithub('alice')?.outOfOfficeUntil).toBe('2026-12-02T08:00:00.000Z');
    expect(setOutOfOffice({ store }, { slackUser: 'U0000000003', text: '', now })).toMatchObject({
      change: 'shown',
      until: '2026-12-02T08:00:00.000Z',
    });
    expect(setOutOfOffice({ store }, { slackUser: 'U0000000003', text: 'off', now })).toMatchObject({
      ok: true,
      change: 'cleared',
      message: 'Welcome back: nudges are on again.',
    });
    expect(store.people.getByGithub('alice')?.outOfOfficeUntil).toBeNull();
  });

  it.each([
    ['until 2026-02-30', '2026-02-30 is not a real date'],
    ['until next week', 'I did not understand "until next week"'],
    ['until 2026-11-01', '2026-11-01 has already ended'],
    ['until 2028-01-01', 'more than a year away'],
  ])('refuses %s with what to write instead', (text, problem) => {
    const store = setup();
    const result = setOutOfOffice({ store }, { slackUser: 'U0000000003', text, now });
    expect(result.ok).toBe(false);
    expect(result.message).toContain(problem);
    expect(store.people.getByGithub('alice')?.outOfOfficeUntil).toBeNull();
  });

  it('tells an unknown Slack user how to get added', () => {
    const store = setup();
    const result = setOutOfOffice({ store }, { slackUser: 'U0000000099', text: 'off', now });
    expect(result).toMatchObject({ ok: false });
    expect(result.message).toContain('people:');
  });
});
