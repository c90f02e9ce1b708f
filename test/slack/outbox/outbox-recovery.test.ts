import { afterEach, describe, expect, it } from 'vitest';
import { createOutboxRepo } from '../../../src/db/repos/outbox-repo.ts';
import type { Outbox } from '../../../src/slack/outbox/types.ts';
import { serverError } from './fake-slack.ts';
import { createRig, type Rig, t0 } from './rig.ts';

let rig: Rig;
afterEach(async () => {
  await rig?.cleanup();
});

/** Makes this connection's write of `sent` for `key` fail, as a crash right after the call would. */
function crashAfterCall(rig: Rig, key: string) {
  rig.store.db.exec(`CREATE TEMP TRIGGER crash_after_call BEFORE UPDATE OF status ON slack_outbox
    WHEN NEW.status = 'sent' AND NEW.key = '${key}'
    BEGIN SELECT RAISE(ABORT, 'simulated crash after the Slack call'); END`);
}

const none = { found: [], requeued: [], failed: [], deferred: [] };

describe('outbox: a crash after Slack accepted the message', () => {
  it.each<[string, (o: Outbox) => void, string]>([
    [
      'a channel post',
      (o) => o.enqueue({ kind: 'post', key: 'k', lane: 'scheduled', channel: 'C1', text: 'round' }),
      'conversations.history',
    ],
    [
      'a thread reply',
      (o) => o.enqueue({ kind: 'post', key: 'k', lane: 'scheduled', threadOf: 'parent', text: 'summary' }),
      'conversations.replies',
    ],
    [
      'a DM',
      (o) => o.enqueue({ kind: 'dm', key: 'k', lane: 'scheduled', user: 'U1', text: 'nudge' }),
      'conversations.history',
    ],
  ])(
    'is recognised on restart (%s) by its metadata key and not posted again',
    async (_name, enqueue, lookup) => {
      rig = await createRig();
      rig.outbox.enqueue({ kind: 'post', key: 'parent', lane: 'scheduled', channel: 'C1', text: 'parent' });
      rig.outbox.enqueue({ kind: 'post', key: 'noise', lane: 'scheduled', channel: 'C1', text: 'other' });
      await rig.drive(rig.outbox.drain());
      crashAfterCall(rig, 'k');
      enqueue(rig.outbox);
      rig.outbox.enqueue({ kind: 'post', key: 'later', lane: 'scheduled', channel: 'C1', text: 'after' });
      await rig.drive(rig.outbox.drain());

      const posted = rig.slack.postsWithKey('k');
      expect(posted).toHaveLength(1);
      expect(rig.outbox.getDelivery('k')!.status).toBe('sending');
      expect(rig.logs.some((l) => String(l.msg).startsWith('outbox: could not record the outcome'))).toBe(
        true,
      );

      rig.clock.advance(10 * 60_000);
      const restarted = rig.newOutbox();
      const recovered = await rig.drive(restarted.recover(), restarted);
      await rig.drive(restarted.drain(), restarted);

      expect(recovered).toEqual({ ...none, found: ['k'] });
      expect(rig.slack.callsTo(lookup).length).toBeGreaterThan(0);
      expect(rig.slack.postsWithKey('k')).toHaveLength(1);
      expect(restarted.getDelivery('k')).toMatchObject({
        status: 'sent',
        channel: posted[0]!.channel,
        ts: posted[0]!.ts,
      });
    },
  );

  it('looks before re-sending when the connection dropped after Slack accepted the post', async () => {
    rig = await createRig();
    let drops = 1;
    rig.slack.intercept((call) =>
      call.method === 'chat.postMessage' && drops-- > 0 ? 'accept-then-drop' : undefined,
    );
    rig.outbox.enqueue({ kind: 'post', key: 'k', lane: 'interactive', channel: 'C1', text: 'hi' });
    await rig.drive(rig.outbox.drain());

    expect(rig.slack.callsTo('chat.postMessage')).toHaveLength(1);
    expect(rig.slack.postsWithKey('k')).toHaveLength(1);
    expect(rig.outbox.getDelivery('k')).toMatchObject({
      status: 'sent',
      ts: rig.slack.postsWithKey('k')[0]!.ts,
      attempts: 2,
    });
  });
});

describe('outbox: a crash before the call', () => {
  it('sends the message once after restart (start recovers, stop drains)', async () => {
    rig = await createRig();
    rig.outbox.enqueue({ kind: 'post', key: 'k', lane: 'scheduled', channel: 'C1', text: 'round' });
    rig.outbox.enqueue({ kind: 'post', key: 'k2', lane: 'scheduled', channel: 'C1', text: 'round 2' });
    // what the worker does just before the call; then the process dies
    expect(createOutboxRepo(rig.store.db).claim('k', rig.clock.now())).toBe(true);

    rig.clock.advance(60_000);
    const restarted = rig.newOutbox();
    const recovered = await rig.drive(restarted.start(), restarted);
    expect(recovered).toEqual({ ...none, requeued: ['k'] });
    expect(restarted.stats().running).toBe(true);
    await rig.drive(restarted.stop({ drainMs: 30_000 }), restarted);

    expect(restarted.stats().running).toBe(false);
    expect(rig.slack.messages.map((m) => m.text)).toEqual(['round', 'round 2']);
    expect(restarted.getDelivery('k')).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('defers a row it cannot check yet, and checks again before sending', async () => {
    rig = await createRig();
    let historyFailures = 1;
    rig.slack.intercept((call) =>
      call.method === 'conversations.history' && historyFailures-- > 0 ? serverError : undefined,
    );
    rig.outbox.enqueue({ kind: 'post', key: 'k', lane: 'scheduled', channel: 'C1', text: 'round' });
    createOutboxRepo(rig.store.db).claim('k', rig.clock.now());
    // Slack has it (the crash came after the post): only the lookup can tell
    rig.slack.messages.push({
      channel: 'C1',
      ts: `${t0.getTime() / 1000}.000999`,
      text: 'round',
      threadTs: null,
      metadata: { event_type: 'drumbeat_outbox', event_payload: { key: 'k' } },
      token: 'xoxb-scheduled-lane',
      at: t0.getTime(),
    });

    const restarted = rig.newOutbox();
    const recovered = await rig.drive(restarted.recover(), restarted);
    expect(recovered).toEqual({ ...none, deferred: ['k'] });
    expect(restarted.getDelivery('k')).toMatchObject({ status: 'pending' });
    await rig.drive(restarted.drain(), restarted);

    expect(rig.slack.callsTo('chat.postMessage')).toHaveLength(0);
    expect(restarted.getDelivery('k')).toMatchObject({ status: 'sent', ts: `${t0.getTime() / 1000}.000999` });
  });

  it('fails an interrupted ephemeral (at most once) and re-sends idempotent updates and views', async () => {
    rig = await createRig();
    const repo = createOutboxRepo(rig.store.db);
    rig.outbox.enqueue({ kind: 'post', key: 'msg', lane: 'interactive', channel: 'C1', text: 'v1' });
    await rig.drive(rig.outbox.drain());
    const view = { type: 'home' as const, blocks: [] };
    rig.outbox.enqueue({
      kind: 'ephemeral',
      key: 'eph',
      lane: 'interactive',
      channel: 'C1',
      user: 'U1',
      text: 'ok',
    });
    rig.outbox.enqueue({
      kind: 'update',
      key: 'upd',
      lane: 'interactive',
      target: { key: 'msg' },
      text: 'v2',
    });
    rig.outbox.enqueue({ kind: 'publish', key: 'home', lane: 'interactive', user: 'U1', view });
    for (const key of ['eph', 'upd', 'home']) repo.claim(key, rig.clock.now());

    const restarted = rig.newOutbox();
    const recovered = await rig.drive(restarted.recover(), restarted);
    await rig.drive(restarted.drain(), restarted);

    expect(recovered).toEqual({ ...none, requeued: ['upd', 'home'], failed: ['eph'] });
    expect(restarted.getDelivery('eph')).toMatchObject({ status: 'failed' });
    expect(restarted.getDelivery('eph')!.error).toMatch(/ephemeral messages are sent at most once/);
    expect(rig.slack.callsTo('chat.postEphemeral')).toHaveLength(0);
    expect(rig.slack.messages[0]!.text).toBe('v2');
    expect(rig.slack.publishes).toHaveLength(1);
  });

  it('leaves messages a short drain could not finish pending, and sends them after restart', async () => {
    rig = await createRig();
    for (const n of [1, 2, 3, 4])
      rig.outbox.enqueue({ kind: 'post', key: `m${n}`, lane: 'scheduled', channel: 'C1', text: `${n}` });
    await rig.drive(rig.outbox.start());
    await rig.drive(rig.outbox.stop({ drainMs: 1500 }));
    expect(rig.slack.messages.map((m) => m.text)).toEqual(['1', '2']);
    expect(rig.outbox.stats().lanes.scheduled).toMatchObject({ sent: 2, pending: 2, sending: 0 });

    const restarted = rig.newOutbox();
    await rig.drive(restarted.drain(), restarted);
    expect(rig.slack.messages.map((m) => m.text)).toEqual(['1', '2', '3', '4']);
  });
});

describe('outbox: lifecycle', () => {
  it('runs overlapping drains to completion and stops the workers after the last one', async () => {
    rig = await createRig();
    for (const n of [1, 2, 3])
      rig.outbox.enqueue({ kind: 'post', key: `m${n}`, lane: 'scheduled', channel: 'C1', text: `${n}` });
    const first = rig.outbox.drain({ until: t0 });
    const second = rig.outbox.drain();
    const [a, b] = await rig.drive(Promise.all([first, second]));
    expect([a.timedOut, b.timedOut]).toEqual([false, false]);
    expect(rig.slack.messages).toHaveLength(3);
    expect(rig.outbox.stats().running).toBe(false);
  });

  it('cuts a drain short on stop and leaves the rest pending', async () => {
    rig = await createRig();
    for (const n of [1, 2, 3])
      rig.outbox.enqueue({ kind: 'post', key: `m${n}`, lane: 'scheduled', channel: 'C1', text: `${n}` });
    await rig.drive(rig.outbox.start());
    const drained = rig.outbox.drain();
    await rig.drive(Promise.resolve());
    await rig.drive(rig.outbox.stop());
    expect((await drained).timedOut).toBe(true);
    expect(rig.outbox.stats().lanes.scheduled).toMatchObject({ sent: 1, pending: 2, sending: 0 });
  });
});
