import { afterEach, describe, expect, it } from 'vitest';
import { buildHome } from '../../src/app/build-home.ts';
import { buildHomeView } from '../../src/slack/blocks/home-blocks.ts';
import { checkView } from '../../src/slack/blocks/limits.ts';
import { makeKep, makeMilestone, makePerson, makeSig } from '../db/factories.ts';
import { type TempStore, tempStore } from '../db/temp-db.ts';
import { enhancements } from '../fakes/enhancements-repo.ts';

let t: TempStore | null = null;
afterEach(() => {
  t?.cleanup();
  t = null;
});

const now = new Date('2025-10-10T12:00:00Z');

function seed(kepCount: number): TempStore {
  const s = tempStore();
  const { store } = s;
  store.people.upsertMany([
    makePerson({ github: 'alice', slack: 'U0ALICE' }),
    makePerson({ github: 'dana', slack: 'U0DANA' }),
  ]);
  store.sigs.upsertMany([
    makeSig({ dir: 'sig-node', chairs: ['alice'], facilitators: [], channelId: 'C0NODE' }),
    makeSig({ dir: 'sig-storage', chairs: [], facilitators: ['dana'], channelId: 'C0STOR' }),
  ]);
  store.releases.upsert({ name: 'v1.35', codingPeriod: null });
  store.releases.setCurrent('v1.35');
  store.milestones.replaceCalendar('v1.35', [
    makeMilestone({ name: 'Past', at: '2025-10-01T00:00:00Z', kind: null }),
    makeMilestone({ name: 'Begin Enhancements Freeze', at: '2025-10-17T12:00:00Z' }),
    makeMilestone({ name: 'Docs deadline', kind: null, at: '2025-10-20T00:00:00Z' }),
    makeMilestone({
      name: 'Brace Yourself, Code Freeze is Coming',
      kind: null,
      at: null,
      date: '2025-10-13',
    }),
    makeMilestone({ name: 'KubeCon NA', kind: null, at: null, date: '2025-10-10', endDate: '2025-10-13' }),
    makeMilestone({ name: 'Code Freeze', kind: 'code-freeze', at: '2025-11-07T02:00:00Z' }),
    makeMilestone({ name: 'Later', kind: null, at: '2025-12-01T00:00:00Z' }),
  ]);
  const keps = [
    ...Array.from({ length: kepCount }, (_, i) => makeKep({ number: 4000 + i, seeAlso: [] })),
    makeKep({ number: 5000, owningSig: 'sig-storage', seeAlso: [] }),
  ];
  store.keps.upsertMany(keps, now);
  const record = (number: number, sig: string, state: 'at-risk' | 'blocked', author: string) =>
    store.statusUpdates.record({
      kepPath: `keps/${sig}/${number}-example-kep`,
      kepNumber: number,
      sig,
      release: 'v1.35',
      state,
      confidence: 50,
      increment: null,
      note: '',
      authorSlack: author,
      authorGithub: null,
      source: 'command',
      createdAt: '2025-10-09T12:00:00.000Z',
      idempotencyKey: `${number}-${state}`,
    }).update;
  record(4000, 'sig-node', 'at-risk', 'U0ALICE');
  const u = record(5000, 'sig-storage', 'blocked', 'U0DANA');
  store.blockers.open({
    kepPath: 'keps/sig-storage/5000-example-kep',
    kepNumber: 5000,
    sig: 'sig-storage',
    release: 'v1.35',
    target: { type: 'sig', sig: 'sig-node' },
    openedBy: 'U0DANA',
    openedAt: '2025-10-09T12:00:00.000Z',
    openedByUpdate: u.id,
  });
  return s;
}

describe('App Home', () => {
  it("shows a chair their SIG's KEPs, blockers involving them and the next three deadlines", () => {
    t = seed(3);
    const home = buildHome(t.store, { user: 'U0ALICE', release: 'v1.35', now });
    expect(home.github).toBe('alice');
    expect(home.sigs).toEqual([{ dir: 'sig-node', name: 'Node', channel: 'C0NODE' }]);
    expect(home.keps.map((k) => `${k.number} ${k.state ?? '-'}`)).toEqual([
      '4000 at-risk',
      '4001 -',
      '4002 -',
    ]);
    expect(home.blockers).toEqual([
      expect.objectContaining({
        kepNumber: 5000,
        target: 'sig-node',
        raisedByYou: false,
        onYourKep: false,
        youBlock: true,
      }),
    ]);
    expect(home.deadlines).toEqual([
      { name: 'Begin Enhancements Freeze', at: '2025-10-17T12:00:00.000Z', date: null, notReady: 3 }, // no PRR approval for beta
      { name: 'Docs deadline', at: '2025-10-20T00:00:00.000Z', date: null, notReady: null },
      { name: 'Code Freeze', at: '2025-11-07T02:00:00.000Z', date: null, notReady: 1 },
    ]);
    const view = buildHomeView(home, enhancements);
    expect(checkView(view)).toEqual([]);
    const json = JSON.stringify(view);
    expect(json).toContain('"action_id":"kep_status_open_modal"');
    expect(json).toContain('"value":"4000"');
    expect(json).toContain(
      '"action_id":"home_start_vote_0","text":{"type":"plain_text","text":"Start a vote in Node","emoji":true},"value":"C0NODE"',
    );
  });

  it('shows the rows that are not deadlines apart, under Events, with day-only rows as days', () => {
    t = seed(1);
    t.store.milestones.replaceCalendar('v1.35', [
      makeMilestone({ name: 'Begin Enhancements Freeze', at: '2025-10-17T12:00:00Z' }),
      makeMilestone({
        name: 'Docs deadline — Open placeholder PRs',
        kind: null,
        at: null,
        date: '2025-10-23',
      }),
      makeMilestone({
        name: 'Brace Yourself, Code Freeze is Coming',
        kind: null,
        at: null,
        date: '2025-10-13',
      }),
      makeMilestone({ name: 'KubeCon NA', kind: null, at: null, date: '2025-10-09', endDate: '2025-10-11' }),
      makeMilestone({ name: 'Meeting far ahead', kind: null, at: '2025-11-20T16:00:00Z' }),
    ]);
    const home = buildHome(t.store, { user: 'U0ALICE', release: 'v1.35', now });
    expect(home.deadlines.map((d) => [d.name, d.date])).toEqual([
      ['Begin Enhancements Freeze', null],
      ['Docs deadline — Open placeholder PRs', '2025-10-23'],
    ]);
    expect(home.events).toEqual([
      { name: 'KubeCon NA', at: null, date: '2025-10-09', endDate: '2025-10-11' },
      { name: 'Brace Yourself, Code Freeze is Coming', at: null, date: '2025-10-13', endDate: null },
    ]);
    const texts = buildHomeView(home, enhancements).blocks.map((b) => JSON.stringify(b));
    const deadlines = texts.findIndex((b) => b.includes('"text":"Next deadlines"'));
    const events = texts.findIndex((b) => b.includes('"text":"Events"'));
    expect(deadlines).toBeGreaterThan(0);
    expect(events).toBeGreaterThan(deadlines);
    expect(texts[deadlines + 1]).not.toContain('Brace Yourself');
    expect(texts[deadlines + 1]).toMatch(
      /\*Docs deadline — Open placeholder PRs\*, Thursday,? 23 October 2025"/,
    );
    expect(texts[events + 1]).toMatch(/KubeCon NA, Thursday,? 9 October 2025 to Saturday,? 11 October 2025/);
    expect(texts[events + 1]).toMatch(/Brace Yourself, Code Freeze is Coming, Monday,? 13 October 2025"/);
    expect(texts.join('')).not.toContain('00:00 UTC');
  });

  it('lists open exception requests on the KEPs of their SIGs, and the ones they asked for', () => {
    t = seed(2);
    const ask = (kep: number, sig: string, requester: string, key: string) =>
      t!.store.planning.addException({
        release: 'v1.35',
        kep,
        kepTitle: `KEP ${kep} <!channel>`,
        sig,
        freeze: 'code-freeze',
        missing: 'one PR',
        additionalTime: '2 days',
        risk: 'low',
        pullRequests: ['https://github.com/kubernetes/kubernetes/pull/1'],
        requester,
        requestedAt: '2025-10-10T12:00:00.000Z',
        idempotencyKey: key,
      });
    ask(4000, 'sig-node', 'U0SOMEONE', 'a');
    ask(5000, 'sig-storage', 'U0DANA', 'b');
    const alice = buildHome(t.store, { user: 'U0ALICE', release: 'v1.35', now });
    expect(alice.exceptions.map((e) => `${e.kep} ${e.freeze} ${e.yours}`)).toEqual([
      '4000 Code Freeze false',
    ]);
    const dana = buildHome(t.store, { user: 'U0DANA', release: 'v1.35', now });
    expect(dana.exceptions.map((e) => `${e.kep} ${e.yours}`)).toEqual(['5000 true']);
    const view = buildHomeView(alice, enhancements);
    expect(checkView(view)).toEqual([]);
    const json = JSON.stringify(view);
    expect(json).toContain('Exception requests waiting for a decision');
    expect(json).toContain('KEP 4000 &lt;!channel&gt;');
    expect(
      JSON.stringify(
        buildHomeView(buildHome(t.store, { user: 'U0BOB', release: 'v1.35', now }), enhancements),
      ),
    ).not.toContain('Exception requests');
  });

  it('shows the blocker a facilitator raised on their own KEP', () => {
    t = seed(1);
    const home = buildHome(t.store, { user: 'U0DANA', release: 'v1.35', now });
    expect(home.keps.map((k) => k.number)).toEqual([5000]);
    expect(home.blockers[0]).toMatchObject({ raisedByYou: true, onYourKep: true, youBlock: false });
  });

  it('stays within 100 blocks however many KEPs, pointing to /kep-status for the rest', () => {
    t = seed(150);
    const view = buildHomeView(buildHome(t.store, { user: 'U0ALICE', release: 'v1.35', now }), enhancements);
    expect(view.blocks.length).toBeLessThanOrEqual(100);
    expect(checkView(view)).toEqual([]);
    expect(JSON.stringify(view)).toContain('more: `/kep-status sig-node` lists them all');
  });

  it('tells an unknown user how to be added', () => {
    t = seed(1);
    const view = buildHomeView(buildHome(t.store, { user: 'U0NOBODY', release: 'v1.35', now }), enhancements);
    expect(checkView(view)).toEqual([]);
    expect(JSON.stringify(view)).toContain('Drumbeat does not know you yet');
  });
});
