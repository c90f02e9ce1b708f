import { afterEach, describe, expect, it } from 'vitest';
import { digestKey, sendDueDigests } from '../../src/app/send-due-digests.ts';
import type { DigestDeps, DigestSettings } from '../../src/ports/digest.ts';
import type { Logger } from '../../src/ports/logger.ts';
import type { Store } from '../../src/ports/store.ts';
import { createDigestMessages } from '../../src/slack/blocks/digest-blocks.ts';
import { checkMessage } from '../../src/slack/blocks/limits.ts';
import { makeKep, makePerson, makeSig } from '../db/factories.ts';
import { type TempStore, tempStore } from '../db/temp-db.ts';
import { enhancements } from '../fakes/enhancements-repo.ts';
import { RecordingChat } from './schedule-rig.ts';

const digestMessages = createDigestMessages(enhancements, null);

const silent: Logger = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
  child: () => silent,
} as unknown as Logger;

const settings: DigestSettings = {
  release: 'v1.35',
  codingPeriod: {
    start: '2025-09-15',
    increments: 4,
    weeksPerIncrement: 2,
    confidenceCaps: [100, 80, 60, 40],
  },
  escalationLadder: null,
  sigs: [
    {
      dir: 'sig-auth',
      name: 'Auth',
      cron: '0 9 * * 1',
      timezone: 'UTC',
      to: '#sig-auth',
      chairs: [],
      facilitators: [],
      roundCron: '0 16 * * 2',
      roundTimezone: 'UTC',
    },
    {
      dir: 'sig-node',
      name: 'Node',
      cron: '0 9 * * 1',
      timezone: 'Europe/Berlin',
      to: 'chairs',
      chairs: ['alice', 'mrunalp', 'bob'],
      facilitators: ['alice'],
      roundCron: '0 16 * * 2',
      roundTimezone: 'UTC',
    },
  ],
};

let t: TempStore | null = null;
afterEach(() => {
  t?.cleanup();
  t = null;
});

function seed(store: Store, kepCount = 3, authKeps = 1): void {
  store.people.upsertMany([
    makePerson({ github: 'alice', slack: 'U0ALICE', timezone: 'UTC', quietHours: null }),
    makePerson({
      github: 'bob',
      slack: 'U0BOB',
      timezone: 'America/Los_Angeles',
      quietHours: { from: '18:00', to: '08:00', weekends: false },
    }),
  ]);
  store.sigs.upsertMany([
    makeSig({ dir: 'sig-node', channelId: 'C0NODE' }),
    makeSig({ dir: 'sig-auth', channelId: 'C0AUTH' }),
  ]);
  store.releases.upsert({ name: 'v1.35', codingPeriod: null });
  store.releases.setCurrent('v1.35');
  store.keps.upsertMany(
    Array.from({ length: kepCount }, (_, i) =>
      makeKep({ number: 3000 + i, title: `KEP ${i} ${'t'.repeat(kepCount > 50 ? 120 : 5)}`, seeAlso: [] }),
    ),
    new Date('2025-09-01T00:00:00Z'),
  );
  store.keps.upsertMany(
    Array.from({ length: authKeps }, (_, i) =>
      makeKep({ number: 2900 + i, owningSig: 'sig-auth', seeAlso: [] }),
    ),
    new Date('2025-09-01T00:00:00Z'),
  );
}

function depsFor(store: Store, chat: RecordingChat): DigestDeps {
  return {
    store,
    chat,
    logger: silent,
    messages: digestMessages,
    channels: {
      pm: 'C0PM',
      sig: (dir) => (dir === 'sig-node' ? 'C0NODE' : dir === 'sig-auth' ? 'C0AUTH' : null),
      resolve: (target) => (target === '#sig-auth' ? 'C0AUTH' : null),
    },
  };
}

const pass = (deps: DigestDeps, iso: string) => sendDueDigests(deps, { settings, now: new Date(iso) });
const keysOf = (chat: RecordingChat) => [...chat.sent.keys()];

describe('sendDueDigests', () => {
  it('sends each SIG its digest on its own cron and zone, once per chair, and reports an unreachable chair once', async () => {
    t = tempStore();
    seed(t.store);
    const chat = new RecordingChat({ now: () => new Date() });
    const deps = depsFor(t.store, chat);
    expect((await pass(deps, '2025-10-06T06:00:00Z')).reports).toEqual([]); // first pass: nothing before it
    const first = await pass(deps, '2025-10-06T09:00:00Z'); // 09:00 UTC: sig-auth; sig-node was 07:00 UTC (Berlin)
    expect(first.reports.map((r) => `${r.sig} ${r.at} ${r.outcome}`)).toEqual([
      'sig-node 2025-10-06T07:00:00.000Z sent',
      'sig-auth 2025-10-06T09:00:00.000Z sent',
    ]);
    const at = new Date('2025-10-06T07:00:00Z');
    expect(keysOf(chat)).toEqual([
      digestKey('sig-node', at, 'U0ALICE'),
      digestKey('sig-node', at, 'U0BOB'),
      digestKey('sig-auth', new Date('2025-10-06T09:00:00Z'), 'channel:C0AUTH'),
      expect.stringMatching(/^digest:unreachable:[0-9a-f]{24}$/),
    ]);
    const noticeKey = keysOf(chat).at(-1)!;
    const alice = chat.sent.get(digestKey('sig-node', at, 'U0ALICE'))!;
    expect(alice).toMatchObject({ kind: 'dm', user: 'U0ALICE', notBefore: null });
    expect(alice.text).toBe('Weekly digest for Node (v1.35): 3 KEP(s), 0 blocked, 0 at risk, 3 stale');
    // bob is in his quiet hours (00:00 in Los Angeles): his copy waits for 08:00 there
    expect(chat.sent.get(digestKey('sig-node', at, 'U0BOB'))!.notBefore?.toISOString()).toBe(
      '2025-10-06T15:00:00.000Z',
    );
    expect(chat.sent.get(noticeKey)).toMatchObject({ channel: 'C0PM' });
    expect(JSON.stringify(chat.sent.get(noticeKey)!.blocks)).toContain('chair `mrunalp` has no Slack user');
    expect(first.nextDueAt?.toISOString()).toBe('2025-10-13T07:00:00.000Z');

    await pass(deps, '2025-10-06T10:00:00Z');
    await pass(deps, '2025-10-13T09:00:00Z');
    const second = new Date('2025-10-13T07:00:00Z');
    expect(keysOf(chat).filter((k) => k.startsWith('digest:unreachable'))).toHaveLength(1);
    expect(chat.sent.has(digestKey('sig-node', second, 'U0ALICE'))).toBe(true);
    expect(chat.repeats).toEqual([]);
    // the second digest reports changes since the first one's instant
    expect(JSON.stringify(chat.sent.get(digestKey('sig-node', second, 'U0ALICE'))!.blocks)).toContain(
      `<!date^${Date.parse('2025-10-06T07:00:00Z') / 1000}^`,
    );
    expect(t.store.digests.listRuns('sig-node').map((r) => `${r.scheduledFor} ${r.status}`)).toEqual([
      '2025-10-06T07:00:00.000Z completed',
      '2025-10-13T07:00:00.000Z completed',
    ]);
  });

  it('finishes an interrupted digest after a restart without sending anything twice', async () => {
    t = tempStore();
    seed(t.store);
    const sent = new Map();
    const chat = new RecordingChat({ now: () => new Date() }, sent);
    const at = new Date('2025-10-06T07:00:00Z');
    await pass(depsFor(t.store, chat), '2025-10-06T06:00:00Z');
    chat.crash = (key) => key === digestKey('sig-node', at, 'U0ALICE');
    const crashed = await pass(depsFor(t.store, chat), '2025-10-06T07:00:00Z');
    expect(crashed.reports.map((r) => r.outcome)).toEqual(['failed']);
    expect(t.store.digests.getRun('sig-node', at)?.status).toBe('started');

    const restarted = t.reopen(); // a new process on the same database and outbox
    const chat2 = new RecordingChat({ now: () => new Date() }, sent);
    const resumed = await pass(depsFor(restarted.store, chat2), '2025-10-06T07:05:00Z');
    expect(resumed.reports.map((r) => `${r.sig} ${r.outcome}`)).toEqual(['sig-node sent']);
    expect(chat2.repeats).toEqual([digestKey('sig-node', at, 'U0ALICE')]); // re-queued under its key: sent once
    expect([...sent.keys()].filter((k) => k.startsWith('digest:sig-node'))).toEqual([
      digestKey('sig-node', at, 'U0ALICE'),
      digestKey('sig-node', at, 'U0BOB'),
    ]);
    expect(restarted.store.digests.getRun('sig-node', at)).toMatchObject({
      status: 'completed',
      attempts: 2,
    });
    await pass(depsFor(restarted.store, chat2), '2025-10-06T08:00:00Z');
    expect(chat2.calls).toBe(2);
  });

  it('after downtime sends only the latest missed digest and skips the older ones', async () => {
    t = tempStore();
    seed(t.store);
    const chat = new RecordingChat({ now: () => new Date() });
    const deps = depsFor(t.store, chat);
    await pass(deps, '2025-10-06T10:00:00Z');
    const result = await pass(deps, '2025-10-28T10:00:00Z');
    expect(result.reports.map((r) => `${r.sig} ${r.at.slice(0, 10)} ${r.outcome}`)).toEqual([
      'sig-auth 2025-10-13 skipped',
      'sig-auth 2025-10-20 skipped',
      'sig-node 2025-10-13 skipped',
      'sig-node 2025-10-20 skipped',
      'sig-node 2025-10-27 sent',
      'sig-auth 2025-10-27 sent',
    ]);
    expect(result.reports[0]!.note).toContain('superseded by the digest of 2025-10-27T09:00:00.000Z');
  });

  it('sends no digest to a SIG with no KEP in the release, and says so once in the PM channel', async () => {
    t = tempStore();
    seed(t.store, 3, 0);
    const chat = new RecordingChat({ now: () => new Date() });
    const deps = depsFor(t.store, chat);
    await pass(deps, '2025-10-06T06:00:00Z');
    const first = await pass(deps, '2025-10-06T09:00:00Z');
    expect(first.reports.map((r) => `${r.sig} ${r.outcome} ${r.note}`)).toEqual([
      expect.stringMatching(/^sig-node sent /),
      'sig-auth skipped sig-auth has no KEP in v1.35',
    ]);
    expect(keysOf(chat).filter((k) => k.startsWith('digest:sig-auth'))).toEqual([]);
    const notices = () => keysOf(chat).filter((k) => k.startsWith('digest:unreachable'));
    expect(notices()).toHaveLength(1);
    expect(JSON.stringify(chat.sent.get(notices()[0]!)!.blocks)).toContain(
      '*Auth* (sig-auth): not sent — sig-auth has no KEP in v1.35: no round, nudge or digest',
    );
    await pass(deps, '2025-10-13T09:00:00Z');
    expect(keysOf(chat).filter((k) => k.startsWith('digest:sig-auth'))).toEqual([]);
    expect(notices()).toHaveLength(1);
    // once it has a KEP, its digest comes back
    t.store.keps.upsertMany([makeKep({ number: 2950, owningSig: 'sig-auth', seeAlso: [] })], new Date());
    await pass(deps, '2025-10-20T09:00:00Z');
    expect(keysOf(chat).filter((k) => k.startsWith('digest:sig-auth'))).toHaveLength(1);
  });

  it('stops at the release instant, where each SIG gets one closing digest that says it is the last', async () => {
    t = tempStore();
    seed(t.store);
    const chat = new RecordingChat({ now: () => new Date() });
    const deps = depsFor(t.store, chat);
    const releaseAt = new Date('2025-10-15T12:00:00Z');
    const released: DigestSettings = { ...settings, releaseAt };
    const run = (iso: string) => sendDueDigests(deps, { settings: released, now: new Date(iso) });
    await run('2025-10-06T06:00:00Z');
    const before = await run('2025-10-13T09:00:00Z');
    expect(
      before.reports.filter((r) => r.outcome === 'sent').map((r) => `${r.sig} ${r.at} ${r.outcome}`),
    ).toEqual(['sig-node 2025-10-13T07:00:00.000Z sent', 'sig-auth 2025-10-13T09:00:00.000Z sent']);
    expect(before.nextDueAt?.toISOString()).toBe(releaseAt.toISOString());
    const closing = await run('2025-10-15T12:00:00Z');
    expect(closing.reports.map((r) => `${r.sig} ${r.at} ${r.outcome}`)).toEqual([
      'sig-auth 2025-10-15T12:00:00.000Z sent',
      'sig-node 2025-10-15T12:00:00.000Z sent',
    ]);
    const last = chat.sent.get(digestKey('sig-node', releaseAt, 'U0ALICE'))!;
    expect(last.text).toMatch(/^Last digest for Node \(v1\.35\): /);
    expect(JSON.stringify(last.blocks)).toContain('v1.35 is released: this is the last digest for it');
    expect(chat.sent.get(digestKey('sig-auth', releaseAt, 'channel:C0AUTH'))!.text).toMatch(
      /^Last digest for Auth/,
    );
    expect(closing.nextDueAt).toBeNull();
    const size = chat.sent.size;
    const after = await run('2025-11-30T12:00:00Z');
    expect(after.reports).toEqual([]);
    expect(chat.sent.size).toBe(size);
    expect(chat.repeats).toEqual([]);
  });

  it('reports a digest channel it cannot resolve once, and a SIG without chairs once', async () => {
    t = tempStore();
    seed(t.store);
    const chat = new RecordingChat({ now: () => new Date() });
    const broken: DigestSettings = {
      ...settings,
      sigs: [
        { ...settings.sigs[0]!, to: '#sig-leads' },
        { ...settings.sigs[1]!, chairs: [] },
      ],
    };
    const deps = depsFor(t.store, chat);
    await sendDueDigests(deps, { settings: broken, now: new Date('2025-10-06T06:00:00Z') });
    await sendDueDigests(deps, { settings: broken, now: new Date('2025-10-06T09:00:00Z') });
    await sendDueDigests(deps, { settings: broken, now: new Date('2025-10-13T09:00:00Z') });
    // one notice for both SIGs, and nothing the week after
    expect(keysOf(chat)).toEqual([expect.stringMatching(/^digest:unreachable:[0-9a-f]{24}$/)]);
    const notice = chat.sent.get(keysOf(chat)[0]!)!;
    expect(notice.text).toBe('2 weekly digest(s) cannot reach their readers: sig-node, sig-auth');
    const blocks = JSON.stringify(notice.blocks);
    expect(blocks).toContain('/invite the bot there, or fix sigs.overrides.sig-auth.digest.to');
    expect(blocks).toContain('(sig-node): nobody gets it');
  });

  it('delivers a digest longer than one message complete, the rest as replies in the DM thread', async () => {
    t = tempStore();
    seed(t.store, 300);
    const chat = new RecordingChat({ now: () => new Date() });
    const deps = depsFor(t.store, chat);
    const only: DigestSettings = { ...settings, sigs: [{ ...settings.sigs[1]!, chairs: ['alice'] }] };
    await sendDueDigests(deps, { settings: only, now: new Date('2025-10-06T06:00:00Z') });
    await sendDueDigests(deps, { settings: only, now: new Date('2025-10-06T07:00:00Z') });
    const parent = digestKey('sig-node', new Date('2025-10-06T07:00:00Z'), 'U0ALICE');
    const parts = [...chat.sent.values()];
    expect(parts.length).toBeGreaterThan(2);
    expect(parts[0]!.key).toBe(parent);
    for (const [i, part] of parts.entries()) {
      expect(part.user).toBe('U0ALICE');
      expect(part.threadOf).toBe(i === 0 ? null : parent);
      expect(checkMessage({ text: part.text, blocks: part.blocks })).toEqual([]);
    }
    const json = JSON.stringify(parts.map((p) => p.blocks));
    for (let i = 0; i < 300; i++) expect(json).toContain(`|KEP-${3000 + i}>`);
    expect(json).toContain('Facilitator response to drumbeat rounds');
  });
});
