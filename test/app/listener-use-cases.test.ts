import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { choosePlanSig } from '../../src/app/choose-plan-sig.ts';
import { listSigKeps } from '../../src/app/list-sig-keps.ts';
import { showKepCard } from '../../src/app/show-kep-card.ts';
import type { Store } from '../../src/ports/store.ts';
import { makeKep, makePerson, makeSig } from '../db/factories.ts';
import { type TempStore, tempStore } from '../db/temp-db.ts';

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
  store.keps.upsertMany(
    [
      makeKep({ number: 1287, title: 'In-place Update of Pod Resources', owningSig: 'sig-node' }),
      makeKep({ number: 4639, title: 'OCI volume source', owningSig: 'sig-node' }),
      makeKep({ number: 4200, title: 'Older', owningSig: 'sig-node', latestMilestone: 'v1.34' }),
    ],
    new Date('2026-06-01T00:00:00Z'),
  );
});
afterEach(() => db.cleanup());

describe('showKepCard', () => {
  it('shows a known KEP with its (empty) history and blockers, and refuses an unknown number', () => {
    const shown = showKepCard(store, {
      kep: 1287,
      release: 'v1.35',
      now: new Date('2025-10-01T00:00:00Z'),
      repo: 'kubernetes/enhancements',
    });
    expect(shown.ok && shown.card.kep.title).toBe('In-place Update of Pod Resources');
    expect(shown.ok && [shown.card.history, shown.card.blockers]).toEqual([[], []]);
    const unknown = showKepCard(store, {
      kep: 1288,
      release: 'v1.35',
      now: new Date('2025-10-01T00:00:00Z'),
      repo: 'kubernetes/enhancements',
    });
    expect(unknown.ok).toBe(false);
    expect(!unknown.ok && unknown.message).toContain('Did you mean KEP-1287');
  });
});

describe('listSigKeps', () => {
  it("lists the SIG's KEPs in the release only, and refuses an unknown SIG", () => {
    const listed = listSigKeps(store, {
      sig: 'sig-node',
      release: 'v1.35',
      now: new Date('2025-10-01T00:00:00Z'),
    });
    expect(listed.ok && listed.rows.map((r) => [r.kep.number, r.latest])).toEqual([
      [1287, null],
      [4639, null],
    ]);
    expect(
      listSigKeps(store, { sig: 'sig-nope', release: 'v1.35', now: new Date('2025-10-01T00:00:00Z') }),
    ).toEqual({
      ok: false,
      reason: 'unknown-sig',
    });
  });
});

describe('choosePlanSig: who may plan', () => {
  const planners = { 'sig-node': ['Alice'], 'sig-storage': ['alice', 'bob'] };
  const settings = {
    planners,
    permissions: { reporters: planners, releaseLead: 'erin', releaseTeam: ['erin'], exceptionDeciders: [] },
  };
  const choose = (slackUser: string, sig: string | null) =>
    choosePlanSig(store, settings, { slackUser, sig });

  it('takes the SIG named when the person plans it or is on the release team', () => {
    expect(choose('UALICE0001', 'sig-node')).toEqual({ ok: true, sig: 'sig-node' });
    expect(choose('UERIN00001', 'sig-auth')).toEqual({ ok: true, sig: 'sig-auth' });
    expect(choose('UBOB000001', 'sig-node')).toMatchObject({
      ok: false,
      reason: 'not-allowed',
      sig: 'sig-node',
    });
    const refused = choose('UBOB000001', 'sig-node');
    expect(!refused.ok && refused.reason === 'not-allowed' && refused.message).toContain(
      "Only sig-node's reporters or the release team may commit sig-node's plan",
    );
    expect(choose('UBOB000001', 'sig-nope')).toEqual({ ok: false, reason: 'unknown-sig', sig: 'sig-nope' });
  });

  it('chooses the one SIG a person plans, asks to name one of several, or any', () => {
    expect(choose('UBOB000001', null)).toEqual({ ok: true, sig: 'sig-storage' });
    expect(choose('UALICE0001', null)).toEqual({
      ok: false,
      reason: 'several',
      sigs: ['sig-node', 'sig-storage'],
    });
    expect(choose('UZOE000001', null)).toEqual({ ok: false, reason: 'none' });
    expect(choose('UNOBODY001', 'sig-node')).toEqual({ ok: false, reason: 'unknown-person' });
  });
});
