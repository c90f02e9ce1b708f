import { afterEach, describe, expect, it } from 'vitest';
import { rateLimited } from './fake-slack.ts';
import { createRig, type Rig, t0 } from './rig.ts';

let rig: Rig;
afterEach(async () => {
  await rig?.cleanup();
});

const at = (ms: number) => new Date(t0.getTime() + ms);

describe('outbox: nothing after the fact', () => {
  it('sends a deferred message at its first allowed instant when that is before it expires', async () => {
    rig = await createRig();
    rig.outbox.enqueue({
      kind: 'dm',
      key: 'nudge:alice',
      lane: 'scheduled',
      user: 'U1',
      text: 'round closes at 18:00',
      notBefore: at(60_000),
      expiresAt: at(120_000),
    });
    await rig.drive(rig.outbox.drain());

    expect(rig.slack.postsWithKey('nudge:alice').map((m) => m.at)).toEqual([at(60_000).getTime()]);
    expect(rig.outbox.getDelivery('nudge:alice')?.status).toBe('sent');
  });

  it('drops at once a message that could only go at or after its expiry, with a log line', async () => {
    rig = await createRig();
    const result = rig.outbox.enqueue({
      kind: 'dm',
      key: 'nudge:bob',
      lane: 'scheduled',
      user: 'U2',
      text: 'round closes at 18:00',
      notBefore: at(120_000),
      expiresAt: at(120_000),
    });
    await rig.drive(rig.outbox.drain());

    expect(result.delivery.status).toBe('expired');
    expect(rig.slack.calls).toEqual([]);
    const log = rig.logs.find((l) => l.msg === 'outbox: dropped a message that would arrive too late');
    expect(log).toMatchObject({ key: 'nudge:bob', expiresAt: at(120_000).toISOString() });
  });

  it('drops a message held back past its expiry by a rate limit, and its thread replies with it', async () => {
    rig = await createRig();
    rig.slack.intercept((call) =>
      call.method === 'chat.postMessage' && call.params.channel === 'CREL' ? rateLimited(600) : undefined,
    );
    rig.outbox.enqueue({
      kind: 'post',
      key: 'alert:1',
      lane: 'scheduled',
      channel: 'CREL',
      text: 'Code freeze in 2 hours',
      expiresAt: at(300_000),
    });
    rig.outbox.enqueue({
      kind: 'post',
      key: 'alert:1:part:1',
      lane: 'scheduled',
      threadOf: 'alert:1',
      text: 'more',
    });
    await rig.drive(rig.outbox.drain());

    expect(rig.slack.messages).toEqual([]);
    expect(rig.slack.calls.filter((c) => c.method === 'chat.postMessage')).toHaveLength(1);
    expect(rig.outbox.getDelivery('alert:1')).toMatchObject({ status: 'expired' });
    expect(rig.outbox.getDelivery('alert:1:part:1')).toMatchObject({
      status: 'expired',
      error: 'expired: thread parent "alert:1" expired',
    });
    expect(rig.outbox.stats().lanes.scheduled).toMatchObject({ expired: 2, pending: 0, failed: 0 });
  });

  it('refuses an expiresAt that is not a date', () => {
    return createRig().then((r) => {
      rig = r;
      const bad = { kind: 'post', key: 'k', lane: 'scheduled', channel: 'C1', text: 'x' } as const;
      expect(() => rig.outbox.enqueue({ ...bad, expiresAt: new Date('nope') })).toThrow(
        /expiresAt must be a valid Date/,
      );
    });
  });
});
