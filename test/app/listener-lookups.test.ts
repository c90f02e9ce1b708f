import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { claimStatusDay } from '../../src/app/claim-status-day.ts';
import { knownStatusReferences } from '../../src/app/known-status-references.ts';
import { loadConcernForm } from '../../src/app/load-concern-form.ts';
import { loadStatusPrefill } from '../../src/app/load-status-prefill.ts';
import { mentionsAsLogins } from '../../src/app/mentions-as-logins.ts';
import { recordStatus } from '../../src/app/record-status.ts';
import { startVote } from '../../src/app/start-vote.ts';
import { stateConcern } from '../../src/app/state-concern.ts';
import type { DeliveryRef, DeliveryStatus } from '../../src/ports/chat.ts';
import type { Store } from '../../src/ports/store.ts';
import { makeKep, makePerson, makeSig } from '../db/factories.ts';
import { type TempStore, tempStore } from '../db/temp-db.ts';
import { voteHarness, voteInput } from './vote-helpers.ts';

/** What listeners used to read from the store themselves, as use cases on a real migrated store. */
let db: TempStore;
let store: Store;
const now = new Date('2026-06-24T12:00:00Z');
const clock = { now: () => now };

beforeEach(() => {
  db = tempStore();
  store = db.store;
  store.people.upsertMany([makePerson({ github: 'alice', slack: 'UALICE0001' })]);
  store.sigs.upsertMany([makeSig({ dir: 'sig-node', facilitators: ['alice'] })]);
  store.keps.upsertMany(
    [
      makeKep({ number: 4222, title: 'Pod resize', owningSig: 'sig-node' }),
      makeKep({ number: 4223, title: 'Image volumes', owningSig: 'sig-node' }),
    ],
    now,
  );
});
afterEach(() => db.cleanup());

const pathOf = (kep: number) => store.keps.findByNumber(kep)[0]!.path;

describe('knownStatusReferences', () => {
  it('knows the stored SIGs and KEP numbers and nothing else', () => {
    const known = knownStatusReferences(store);
    expect([known.isKnownSig('sig-node'), known.isKnownSig('sig-nope')]).toEqual([true, false]);
    expect([known.isKnownKep(4222), known.isKnownKep(4224)]).toEqual([true, false]);
  });
});

describe('mentionsAsLogins', () => {
  it('writes a known person as @login and leaves an unknown mention as it was', () => {
    expect(mentionsAsLogins(store, 'Ask <@UALICE0001> or <@USTRANGER1>.')).toBe(
      'Ask @alice or <@USTRANGER1>.',
    );
  });
});

describe('loadStatusPrefill', () => {
  const policy = {
    release: 'v1.35',
    codingPeriod: null,
    admins: [],
    updaters: { 'sig-node': ['alice'] },
    repo: 'kubernetes/enhancements',
  };

  it('is null for a KEP with no update and no blocker', () => {
    expect(loadStatusPrefill(store, pathOf(4222), 'v1.35')).toBeNull();
  });

  it('starts from the latest update and the open blockers', () => {
    const recorded = recordStatus({ store, clock }, policy, {
      slackUser: 'UALICE0001',
      kep: 4222,
      state: 'at-risk',
      confidence: 60,
      increment: null,
      note: 'waiting on review',
      blockers: [{ type: 'kep', kep: 4223 }],
      source: 'command',
      idempotencyKey: 'prefill:1',
    });
    expect(recorded.ok).toBe(true);
    expect(loadStatusPrefill(store, pathOf(4222), 'v1.35')).toEqual({
      state: 'at-risk',
      confidence: 60,
      increment: null,
      note: 'waiting on review',
      blockers: [{ type: 'kep', kep: 4223 }],
    });
    expect(loadStatusPrefill(store, pathOf(4222), 'v1.36')).toBeNull();
  });
});

describe('claimStatusDay', () => {
  const delivered = new Map<string, DeliveryStatus>();
  const chat = {
    deliveryNow: (key: string): DeliveryRef | null => {
      const status = delivered.get(key);
      return status ? { key, status, channel: 'C1', ts: null, error: null, attempts: 1 } : null;
    },
  };
  const claim = (key: string) =>
    claimStatusDay({ store, chat, clock }, { sig: 'sig-node', day: '2026-06-24', key });

  it('gives the day to the first post, replies under it once sent, and takes over one that failed', () => {
    delivered.clear();
    expect(claim('status:1')).toBe('status:1');
    delivered.set('status:1', 'pending');
    expect(claim('status:2')).toBe('status:2');
    delivered.set('status:1', 'sent');
    expect(claim('status:3')).toBe('status:1');
    delivered.set('status:1', 'failed');
    expect(claim('status:4')).toBe('status:4');
    delivered.set('status:4', 'sent');
    expect(claim('status:5')).toBe('status:4');
  });
});

describe('loadConcernForm', () => {
  it("shows the vote's question and the voter's open concern; null for an unknown round", async () => {
    const h = voteHarness();
    try {
      const started = await startVote(h.deps, voteInput());
      if (!started.ok) throw new Error('the vote did not start');
      const roundId = started.round.id;
      expect(loadConcernForm(h.store, roundId, 'UBOB')).toEqual({
        roundId,
        question: 'Do we commit to the v1.37 plan?',
        openConcern: undefined,
      });
      const stated = await stateConcern(h.deps, {
        roundId,
        voter: 'UBOB',
        value: 1,
        text: 'The API review is not done',
        idempotencyKey: 'concern:1',
      });
      expect(stated.ok).toBe(true);
      expect(loadConcernForm(h.store, roundId, 'UBOB')?.openConcern).toBe('The API review is not done');
      expect(loadConcernForm(h.store, roundId, 'UALICE')?.openConcern).toBeUndefined();
      expect(loadConcernForm(h.store, roundId + 100, 'UBOB')).toBeNull();
    } finally {
      h.cleanup();
    }
  });
});
