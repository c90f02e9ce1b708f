import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listReportableKeps } from '../../src/app/list-reportable-keps.ts';
import type { StatusPolicy } from '../../src/app/record-status.ts';
import type { Kep } from '../../src/domain/types.ts';
import type { Store } from '../../src/ports/store.ts';
import { makeKep, makePerson, makeSig } from '../db/factories.ts';
import { type TempStore, tempStore } from '../db/temp-db.ts';

const policy: StatusPolicy = {
  release: 'v1.35',
  codingPeriod: null,
  admins: ['Erin'],
  updaters: { 'sig-node': ['alice'], 'sig-storage': ['ALICE', 'dana'], 'sig-auth': ['bob'] },
  repo: 'kubernetes/enhancements',
};

const keps: Kep[] = [
  makeKep({ number: 1287, title: 'In-place Update of Pod Resources', owningSig: 'sig-node' }),
  makeKep({ number: 4222, title: 'Pod resize status', owningSig: 'sig-node' }),
  makeKep({ number: 42, title: 'Ancient node thing', owningSig: 'sig-node' }),
  makeKep({ number: 4639, title: 'OCI volume source', owningSig: 'sig-node' }),
  makeKep({ number: 5381, title: 'Mutable PV node affinity', owningSig: 'sig-storage' }),
  makeKep({ number: 1234, title: 'Token review for pods', owningSig: 'sig-auth' }),
  makeKep({
    number: 4200,
    title: 'Pod thing from last release',
    owningSig: 'sig-node',
    latestMilestone: 'v1.34',
  }),
];

let db: TempStore;
let store: Store;

beforeEach(() => {
  db = tempStore();
  store = db.store;
  store.people.upsertMany([
    makePerson({ github: 'alice', slack: 'UALICE0001' }),
    makePerson({ github: 'bob', slack: 'UBOB000001' }),
    makePerson({ github: 'erin', slack: 'UERIN00001' }),
    makePerson({ github: 'zoe', slack: 'UZOE000001' }),
  ]);
  store.sigs.upsertMany(['sig-auth', 'sig-node', 'sig-storage'].map((dir) => makeSig({ dir })));
  store.keps.upsertMany(keps, new Date('2026-06-01T00:00:00Z'));
});
afterEach(() => db.cleanup());

const numbers = (slackUser: string, query?: string, limit?: number) => {
  const found = listReportableKeps(store, policy, {
    slackUser,
    ...(query !== undefined ? { query } : {}),
    ...(limit !== undefined ? { limit } : {}),
  });
  if (!found.ok) throw new Error(found.message);
  return found.keps.map((k) => k.number);
};

describe('listReportableKeps', () => {
  it("lists the release's KEPs of the SIGs a person updates (logins in any case)", () => {
    const found = listReportableKeps(store, policy, { slackUser: 'UALICE0001' });
    expect(found.ok && found.sigs).toEqual(['sig-node', 'sig-storage']);
    expect(numbers('UALICE0001')).toEqual([42, 1287, 4222, 4639, 5381]);
    expect(numbers('UBOB000001')).toEqual([1234]);
  });

  it('lists every SIG for the release team', () => {
    const found = listReportableKeps(store, policy, { slackUser: 'UERIN00001' });
    expect(found.ok && found.sigs).toEqual(['sig-auth', 'sig-node', 'sig-storage']);
    expect(numbers('UERIN00001')).toEqual([42, 1234, 1287, 4222, 4639, 5381]);
  });

  it.each([
    { user: 'UNOBODY001', reason: 'unknown-person', message: /under `people:` in drumbeat.yaml/ },
    {
      user: 'UZOE000001',
      reason: 'no-sigs',
      message: /@zoe\) do not report for any SIG in v1\.35.*facilitators/,
    },
  ])('refuses $reason', ({ user, reason, message }) => {
    const found = listReportableKeps(store, policy, { slackUser: user });
    expect(found).toMatchObject({ ok: false, reason });
    expect(!found.ok && found.message).toMatch(message);
  });

  it.each([
    { query: '42', expected: [42, 4222] },
    { query: '#4222', expected: [4222] },
    { query: 'KEP-46', expected: [4639] },
    { query: 'kep-1287', expected: [1287] },
    { query: 'pod', expected: [1287, 4222] },
    { query: 'POD resources', expected: [1287] },
    { query: 'node', expected: [42, 1287, 4222, 4639, 5381] }, // title words and the SIG dir
    { query: 'storage', expected: [5381] },
    { query: 'token', expected: [] }, // sig-auth: not hers
    { query: '   ', expected: [42, 1287, 4222, 4639, 5381] },
    { query: 'nothing-like-this', expected: [] },
  ])('type-ahead "$query" → $expected', ({ query, expected }) => {
    expect(numbers('UALICE0001', query)).toEqual(expected);
  });

  it('ranks the exact number first, then numbers starting with the digits, then title matches', () => {
    store.keps.upsertMany(
      [makeKep({ number: 7, title: 'Has 4222 in its title too', owningSig: 'sig-node' })],
      new Date('2026-06-01T00:00:00Z'),
    );
    expect(numbers('UALICE0001', '4222')).toEqual([4222, 7]);
    expect(numbers('UALICE0001', '4')).toEqual([42, 4222, 4639, 7]);
  });

  it('cuts a long list at the limit and says how many matched', () => {
    store.keps.upsertMany(
      Array.from({ length: 150 }, (_, i) =>
        makeKep({ number: 10_000 + i, title: `Bulk ${i}`, owningSig: 'sig-node' }),
      ),
      new Date('2026-06-01T00:00:00Z'),
    );
    const found = listReportableKeps(store, policy, { slackUser: 'UALICE0001', query: 'bulk', limit: 100 });
    expect(found.ok && found.keps.length).toBe(100);
    expect(found.ok && found.total).toBe(150);
    expect(found.ok && found.keps[0]!.number).toBe(10_000);
  });
});
