import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { acknowledgeBlocker } from '../../src/app/acknowledge-blocker.ts';
import { escalateBlockers } from '../../src/app/escalate-blockers.ts';
import { listBlockers } from '../../src/app/list-blockers.ts';
import { resolveBlocker } from '../../src/app/resolve-blocker.ts';
import { snoozeBlocker } from '../../src/app/snooze-blocker.ts';
import type { ResolvedConfig } from '../../src/config/resolved-config.ts';
import type { Kep } from '../../src/domain/types.ts';
import type { Store } from '../../src/ports/store.ts';
import { checkMessage } from '../../src/slack/blocks/limits.ts';
import { escalationSettingsFrom } from '../../src/wiring/escalation.ts';
import { type TempStore, tempStore } from '../db/temp-db.ts';
import { FakeClock } from '../fakes/fake-clock.ts';
import { EscalationChat, escalationDeps, pmChannel, report } from './escalation-rig.ts';
import { exampleData, loadExample, recordingLogger, sigChannel } from './schedule-rig.ts';

const h = 3_600_000;
const d = 24 * h;
// Monday: two business days later is Wednesday.
const monday = new Date('2025-10-06T10:00:00Z');

let data: { config: ResolvedConfig; keps: Kep[] };
let db: TempStore | null = null;
beforeAll(async () => {
  data = await exampleData();
});
afterEach(() => {
  db?.cleanup();
  db = null;
});

function setup() {
  db = tempStore();
  loadExample(db.store, data, monday);
  const clock = new FakeClock(monday);
  const chat = new EscalationChat(clock);
  const logger = recordingLogger();
  let store: Store = db.store;
  const deps = () => escalationDeps(store, chat, clock, data.config, logger);
  const keps = (sig: string) => store.keps.list({ owningSig: sig, latestMilestone: 'v1.35' });
  return {
    clock,
    chat,
    logger,
    get store() {
      return store;
    },
    deps,
    keps,
    pass: () => escalateBlockers(deps(), clock.now()),
    /** A restart: a new connection and store over the same file; the outbox (chat.sent) survives. */
    restart() {
      store = db!.reopen().store;
    },
  };
}

const everyMessageFits = (chat: EscalationChat) => {
  for (const m of chat.sent.values()) expect(checkMessage({ text: m.text, blocks: m.blocks })).toEqual([]);
  for (const u of chat.updates.values()) expect(checkMessage({ text: u.text, blocks: u.blocks })).toEqual([]);
};

describe('escalateBlockers: the ladder', () => {
  it('walks a blocker through every step once, across restarts, with the PM post complete', async () => {
    const rig = setup();
    const [blocked, dependent] = rig.keps('sig-node');
    if (!blocked || !dependent) throw new Error('fixture needs two sig-node KEPs');
    // the release team declares it, so sig-node's facilitator hears of it at step 0
    report(rig.store, rig.clock, data.config, 'erin-enhancements', blocked.number, 'blocked', [
      { type: 'sig', sig: 'sig-auth' },
    ]);
    report(rig.store, rig.clock, data.config, 'alice-facilitator', dependent.number, 'blocked', [
      { type: 'kep', kep: blocked.number },
    ]);
    const id = rig.store.blockers.listOpen({ release: 'v1.35' })[0]!.id;

    const first = await rig.pass();
    // step 0: the blocking SIG's channel naming its facilitators, and a DM to the blocked SIG's facilitator
    const sigPost = rig.chat.sent.get(`escalation:${id}:step:0:blocking-sig`)!;
    expect(sigPost.channel).toBe(sigChannel('sig-auth'));
    expect(JSON.stringify(sigPost.blocks)).toContain('<@U0000000005>'); // chen, sig-auth facilitator
    expect(rig.chat.keys(`escalation:${id}:step:0:dm:`)).toEqual([
      `escalation:${id}:step:0:dm:alice-facilitator`,
    ]);
    expect(first.nextDueAt?.toISOString()).toBe('2025-10-08T10:00:00.000Z');

    rig.restart();
    rig.clock.advance(2 * d - h);
    await rig.pass();
    expect(rig.chat.keys(`escalation:${id}:step:1`)).toEqual([]);
    rig.clock.advance(h);
    rig.restart();
    await rig.pass();
    const pm = rig.chat.sent.get(`escalation:${id}:step:1:pm-channel`)!;
    expect(pm.channel).toBe(pmChannel);
    const text = JSON.stringify(pm.blocks);
    expect(text).toContain(`KEP-${blocked.number}`);
    expect(text).toContain('sig-auth');
    expect(text).toContain('Declared by <@U0000000002>');
    expect(text).toContain('open 2d (business days)');
    expect(text).toContain('Milestone at risk');
    expect(text).toContain(`KEP-${dependent.number} → KEP-${blocked.number}`);
    expect(text).toMatch(/blocker_acknowledge.*blocker_snooze.*blocker_resolve/);

    rig.restart();
    rig.clock.advance(2 * d);
    await rig.pass();
    const lead = rig.chat.sent.get(`escalation:${id}:step:2:release-lead`)!;
    expect(lead.threadOf).toBe(`escalation:${id}:step:1:pm-channel`);
    expect(JSON.stringify(lead.blocks)).toContain('<@U0000000001>');

    // later passes and restarts send nothing new
    const before = rig.chat.sent.size;
    rig.restart();
    rig.clock.advance(10 * d);
    const last = await rig.pass();
    await rig.pass();
    expect(rig.chat.sent.size).toBe(before);
    expect(rig.chat.repeats).toEqual([]);
    expect(rig.store.escalations.get(id)?.steps).toEqual([0, 1, 2]);
    expect(last.nextDueAt).toBeNull(); // both blockers went through every step
    everyMessageFits(rig.chat);
  });

  it('does not DM the facilitator who declared the blocker at step 0, but does at later steps', async () => {
    const rig = setup();
    const kep = rig.keps('sig-node')[0]!;
    report(rig.store, rig.clock, data.config, 'alice-facilitator', kep.number, 'blocked', [
      { type: 'sig', sig: 'sig-auth' },
    ]);
    const id = rig.store.blockers.listOpen({ release: 'v1.35' })[0]!.id;
    await rig.pass();
    expect(rig.chat.keys(`escalation:${id}:step:0`)).toEqual([`escalation:${id}:step:0:blocking-sig`]);
    expect(rig.store.escalations.get(id)?.steps).toEqual([0]);
  });

  it('resends a message stored but not handed to the outbox when the process died', async () => {
    const rig = setup();
    const kep = rig.keps('sig-node')[0]!;
    report(rig.store, rig.clock, data.config, 'erin-enhancements', kep.number, 'blocked', [
      { type: 'sig', sig: 'sig-auth' },
    ]);
    rig.chat.crash = (key) => key.endsWith(':blocking-sig');
    await expect(rig.pass()).rejects.toThrow('simulated crash');
    rig.restart();
    await rig.pass();
    const id = rig.store.blockers.listOpen({ release: 'v1.35' })[0]!.id;
    expect(rig.chat.keys(`escalation:${id}:step:0`).sort()).toEqual([
      `escalation:${id}:step:0:blocking-sig`,
      `escalation:${id}:step:0:dm:alice-facilitator`,
    ]);
    expect(rig.store.escalations.unsent()).toEqual([]);
  });

  it('snooze delays the next step by a business day, recorded, and the post says so', async () => {
    const rig = setup();
    const kep = rig.keps('sig-node')[0]!;
    report(rig.store, rig.clock, data.config, 'alice-facilitator', kep.number, 'blocked', [
      { type: 'sig', sig: 'sig-auth' },
    ]);
    await rig.pass();
    rig.clock.advance(2 * d);
    await rig.pass();
    const id = rig.store.blockers.listOpen({ release: 'v1.35' })[0]!.id;
    const pmKey = `escalation:${id}:step:1:pm-channel`;
    rig.clock.advance(2 * d - h); // Friday 09:00, step 2 due Friday 10:00
    const snoozed = await snoozeBlocker(rig.deps(), { messageKey: pmKey, by: 'U0000000002' });
    expect(snoozed.ok).toBe(true);
    expect(rig.chat.latest(pmKey)).toContain('Snoozed until 2025-10-13 09:00 UTC'); // a business day: Monday
    expect(rig.store.escalations.events(id).map((e) => [e.kind, e.by])).toEqual([['snoozed', 'U0000000002']]);
    rig.clock.advance(h);
    const friday = await rig.pass();
    expect(rig.chat.keys(`escalation:${id}:step:2`)).toEqual([]);
    expect(friday.nextDueAt?.toISOString()).toBe('2025-10-13T09:00:00.000Z');
    rig.clock.advance(friday.nextDueAt!.getTime() - rig.clock.now().getTime());
    await rig.pass();
    expect(rig.chat.keys(`escalation:${id}:step:2`)).toEqual([`escalation:${id}:step:2:release-lead`]);
  });

  it('acknowledge records who is on it and updates the post', async () => {
    const rig = setup();
    const kep = rig.keps('sig-node')[0]!;
    report(rig.store, rig.clock, data.config, 'alice-facilitator', kep.number, 'blocked', [
      { type: 'party', name: 'API review' },
    ]);
    await rig.pass();
    rig.clock.advance(2 * d);
    await rig.pass();
    const id = rig.store.blockers.listOpen({ release: 'v1.35' })[0]!.id;
    const pmKey = `escalation:${id}:step:1:pm-channel`;
    // a free-text party: no SIG channel at step 0, said so in the PM post
    expect(rig.chat.keys(`escalation:${id}:step:0:blocking-sig`)).toEqual([]);
    expect(rig.store.escalations.get(id)?.steps).toEqual([0, 1]);
    expect(JSON.stringify(rig.chat.sent.get(pmKey)!.blocks)).toContain('No SIG owns API review');
    // chen reports for another SIG: not theirs to acknowledge
    const refused = await acknowledgeBlocker(rig.deps(), { messageKey: pmKey, by: 'U0000000005' });
    expect(refused.ok || refused.message).toMatch(
      /^Only sig-node's reporters, the release lead or the release team may acknowledge this blocker: <@U0000000003>/,
    );
    expect(rig.store.escalations.get(id)?.acknowledgedBy).toBeNull();
    const result = await acknowledgeBlocker(rig.deps(), { messageKey: pmKey, by: 'U0000000002' });
    expect(result.ok).toBe(true);
    expect(rig.store.escalations.get(id)?.acknowledgedBy).toBe('U0000000002');
    expect(rig.chat.latest(pmKey)).toContain('<@U0000000002> is on it');
    const rows = listBlockers(rig.store, escalationSettingsFrom(data.config), rig.clock.now());
    expect(rows.map((r) => [r.step, r.acknowledgedBy, r.age])).toEqual([
      [1, 'U0000000002', '2d (business days)'],
    ]);
  });
});

describe('escalateBlockers: resolution reaches every thread that heard of it', () => {
  it.each([
    ['at step 0, by a status that is no longer blocked', 0, 'status'],
    ['at step 1, by the Resolved button', 1, 'button'],
    ['at step 2, by a status', 2, 'status'],
  ] as const)('%s', async (_name, step, how) => {
    const rig = setup();
    const kep = rig.keps('sig-node')[0]!;
    report(rig.store, rig.clock, data.config, 'erin-enhancements', kep.number, 'blocked', [
      { type: 'sig', sig: 'sig-auth' },
    ]);
    await rig.pass();
    for (let s = 0; s < step; s++) {
      rig.clock.advance(2 * d);
      await rig.pass();
    }
    const id = rig.store.blockers.listOpen({ release: 'v1.35' })[0]!.id;
    const heard = [...new Set(rig.store.escalations.messagesOf(id).map((m) => m.threadKey))];
    expect(heard.length).toBe(step === 0 ? 2 : 3); // SIG post + DM (+ PM thread, where the lead is mentioned too)
    if (how === 'button') {
      const result = await resolveBlocker(rig.deps(), {
        messageKey: `escalation:${id}:step:1:pm-channel`,
        by: 'U0000000005',
      });
      expect(result.ok).toBe(true);
    } else {
      report(rig.store, rig.clock, data.config, 'alice-facilitator', kep.number, 'on-track');
      await rig.pass();
    }
    await rig.pass();
    const replies = rig.chat.keys(`escalation:${id}:resolved:`).sort();
    expect(replies).toEqual(heard.map((t) => `escalation:${id}:resolved:${t}`).sort());
    for (const key of replies)
      expect(rig.chat.sent.get(key)!.text).toBe(`Resolved: KEP-${kep.number} unblocked`);
    expect(rig.chat.repeats).toEqual([]);
    // the ladder stops
    const size = rig.chat.sent.size;
    rig.clock.advance(20 * d);
    expect((await rig.pass()).nextDueAt).toBeNull();
    expect(rig.chat.sent.size).toBe(size);
    if (step >= 1)
      expect(rig.chat.latest(`escalation:${id}:step:1:pm-channel`)).toContain(
        'Every blocker here is resolved',
      );
  });

  it('closes the blocker of a KEP that left the release, with a note in every thread', async () => {
    const rig = setup();
    const kep = rig.keps('sig-node')[0]!;
    report(rig.store, rig.clock, data.config, 'erin-enhancements', kep.number, 'blocked', [
      { type: 'sig', sig: 'sig-auth' },
    ]);
    await rig.pass();
    const id = rig.store.blockers.listOpen({ release: 'v1.35' })[0]!.id;
    rig.store.keps.upsertMany(
      [{ ...kep, latestMilestone: 'v1.36', milestones: { beta: 'v1.36' } }],
      rig.clock.now(),
    );
    rig.clock.advance(h);
    const result = await rig.pass();
    expect(result.dropped).toEqual([id]);
    expect(rig.store.blockers.get(id)?.closeReason).toContain('no longer puts it in v1.35');
    const notes = rig.chat.keys(`escalation:${id}:resolved:`);
    expect(notes).toHaveLength(2);
    for (const key of notes)
      expect(rig.chat.sent.get(key)!.text).toBe(`KEP-${kep.number} dropped; blocker closed`);
    rig.clock.advance(5 * d);
    await rig.pass();
    expect(rig.chat.keys(`escalation:${id}:step:1`)).toEqual([]);
  });
});

describe('escalateBlockers: cycles and fan-out', () => {
  it('calls out A waits on B waits on A once, and escalates neither further', async () => {
    const rig = setup();
    const a = rig.keps('sig-node')[0];
    const s = rig.keps('sig-storage')[0]!;
    report(rig.store, rig.clock, data.config, 'alice-facilitator', a!.number, 'blocked', [
      { type: 'kep', kep: s.number },
    ]);
    await rig.pass();
    report(rig.store, rig.clock, data.config, 'dana-facilitator', s.number, 'blocked', [
      { type: 'kep', kep: a!.number },
    ]);
    const result = await rig.pass();
    const lo = Math.min(a!.number, s.number);
    const hi = Math.max(a!.number, s.number);
    expect(result.cycles).toEqual([`KEP-${lo} → KEP-${hi} → KEP-${lo}`]);
    const cycleKeys = rig.chat.keys('escalation:cycle:');
    expect(cycleKeys).toHaveLength(1);
    expect(rig.chat.sent.get(cycleKeys[0]!)!.channel).toBe(pmChannel);
    for (let i = 0; i < 5; i++) {
      rig.clock.advance(2 * d);
      rig.restart();
      await rig.pass();
    }
    expect(rig.chat.keys('escalation:cycle:')).toHaveLength(1);
    expect(rig.chat.keys().filter((k) => k.includes(':step:1:') || k.includes(':step:2:'))).toEqual([]);
    // resolving one side replies in the cycle thread too
    report(rig.store, rig.clock, data.config, 'dana-facilitator', s.number, 'on-track');
    const freed = await rig.pass();
    expect(rig.chat.keys().filter((k) => k.endsWith(`:resolved:${cycleKeys[0]}`))).toHaveLength(1);
    // the cycle is gone: said once in its thread, and A's blocker climbs again from its age (10 days)
    expect(freed.cyclesBroken).toEqual([`KEP-${lo} → KEP-${hi} → KEP-${lo}`]);
    const broken = rig.chat.sent.get(`${cycleKeys[0]}:broken`)!;
    expect(broken).toMatchObject({ channel: pmChannel, threadOf: cycleKeys[0] });
    expect(broken.text).toBe(`Dependency cycle broken: KEP-${lo} → KEP-${hi} → KEP-${lo}`);
    const aBlocker = rig.store.blockers.listOpen({ release: 'v1.35' })[0]!;
    expect(aBlocker.kepNumber).toBe(a!.number);
    expect(rig.store.escalations.get(aBlocker.id)).toMatchObject({ cycleKey: null, steps: [0, 1, 2] });
    expect(rig.chat.keys(`escalation:${aBlocker.id}:step:1:pm-channel`)).toHaveLength(1);
    const rows = listBlockers(rig.store, escalationSettingsFrom(data.config), rig.clock.now());
    expect(rows.map((r) => [r.inCycle, r.cycleBroken, r.step])).toEqual([[false, true, 2]]);
    const size = rig.chat.sent.size;
    rig.clock.advance(2 * d);
    expect((await rig.pass()).cyclesBroken).toEqual([]);
    expect(rig.chat.sent.size).toBe(size);
  });

  it('groups KEPs blocked on the same SIG into one post per step, joining later ones', async () => {
    const rig = setup();
    const node = rig.keps('sig-node').slice(0, 3);
    expect(node).toHaveLength(3);
    for (const kep of node.slice(0, 2))
      report(rig.store, rig.clock, data.config, 'alice-facilitator', kep.number, 'blocked', [
        { type: 'sig', sig: 'sig-auth' },
      ]);
    await rig.pass();
    rig.clock.advance(h);
    report(rig.store, rig.clock, data.config, 'alice-facilitator', node[2]!.number, 'blocked', [
      { type: 'sig', sig: 'sig-auth' },
    ]);
    await rig.pass();
    const sigPosts = rig.chat.keys().filter((k) => k.endsWith(':blocking-sig'));
    expect(sigPosts).toHaveLength(1);
    expect(rig.chat.latest(sigPosts[0]!)).toContain(`KEP-${node[2]!.number}`);
    rig.clock.advance(2 * d);
    await rig.pass();
    const pmPosts = rig.chat.keys().filter((k) => k.endsWith(':pm-channel'));
    expect(pmPosts).toHaveLength(1);
    const pm = rig.chat.latest(pmPosts[0]!);
    for (const kep of node) expect(pm).toContain(`KEP-${kep.number}`);
    expect(rig.chat.sent.get(pmPosts[0]!)!.text).toContain('Blocked on sig-auth');
    everyMessageFits(rig.chat);
  });
});
