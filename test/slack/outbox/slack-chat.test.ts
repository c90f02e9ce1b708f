import { afterEach, describe, expect, it } from 'vitest';
import { createSlackChat } from '../../../src/slack/slack-chat.ts';
import { FakeClock } from '../../fakes/fake-clock.ts';
import { createRig, type Rig } from './rig.ts';

let rig: Rig;
afterEach(async () => {
  await rig?.cleanup();
});

describe('SlackChat (the Chat port on the outbox)', () => {
  it('stores a post and resolves at once, without waiting for Slack', async () => {
    rig = await createRig();
    const chat = createSlackChat({ outbox: rig.outbox, clock: rig.clock });
    const ref = await chat.post({ key: 'p1', lane: 'scheduled', channel: 'C1', text: 'hello' });
    expect(ref).toEqual({ key: 'p1', status: 'pending', channel: 'C1', ts: null, error: null, attempts: 0 });
    expect(rig.slack.calls).toHaveLength(0);
    expect(await chat.getDelivery('p1')).toEqual(ref);
    expect(await chat.getDelivery('never')).toBeNull();
  });

  it('waits for Slack when asked, and the worker wakes up for a new message', async () => {
    rig = await createRig();
    const chat = createSlackChat({ outbox: rig.outbox, clock: rig.clock });
    await rig.drive(rig.outbox.start());
    const sent = await rig.drive(
      chat.post({ key: 'p1', lane: 'interactive', channel: 'C1', text: 'hi', wait: { timeoutMs: 5000 } }),
    );
    const reply = await rig.drive(
      chat.post({ key: 'p1:r', lane: 'interactive', threadOf: 'p1', text: 'r', wait: { timeoutMs: 5000 } }),
    );
    const dm = await rig.drive(
      chat.dm({ key: 'd1', lane: 'scheduled', user: 'U9', text: 'x', wait: { timeoutMs: 5000 } }),
    );
    await rig.drive(rig.outbox.stop());

    expect(sent).toMatchObject({ status: 'sent', channel: 'C1', ts: rig.slack.postsWithKey('p1')[0]!.ts });
    expect(reply).toMatchObject({ status: 'sent', channel: 'C1' });
    expect(rig.slack.postsWithKey('p1:r')[0]!.threadTs).toBe(sent.ts);
    expect(dm).toMatchObject({ status: 'sent', channel: 'DU9' });
  });

  it('gives up waiting after timeoutMs and reports the message still pending', async () => {
    rig = await createRig();
    const chat = createSlackChat({ outbox: rig.outbox, clock: rig.clock });
    // the outbox is not running: nothing will send it
    const ref = await rig.drive(
      chat.ephemeral({
        key: 'e1',
        lane: 'interactive',
        channel: 'C1',
        user: 'U1',
        text: 'x',
        wait: { timeoutMs: 2000 },
      }),
    );
    expect(ref).toMatchObject({ key: 'e1', status: 'pending' });
    expect(rig.clock.now().getTime() - new Date('2026-06-02T16:00:00Z').getTime()).toBe(2000);
  });

  it('publishes App Home under a fresh key each time (views.publish is idempotent), or the key given', async () => {
    const clock = new FakeClock('2026-06-02T16:00:00Z');
    const enqueued: unknown[] = [];
    const chat = createSlackChat({
      clock,
      outbox: {
        enqueue: (msg) => {
          enqueued.push(msg);
          return {
            created: true,
            delivery: { key: msg.key, status: 'pending', channel: null, ts: null, error: null, attempts: 0 },
          };
        },
        getDelivery: () => null,
        waitFor: async () => null,
        withdraw: () => 0,
      },
    });
    const view = { type: 'home' as const, blocks: [] };
    await chat.publishHome('U1', view);
    await chat.publishHome('U1', view);
    await chat.publishHome('U2', view, { key: 'home:U2:event-1', lane: 'scheduled' });
    expect(enqueued).toEqual([
      { kind: 'publish', key: 'home:U1:2026-06-02T16:00:00.000Z:0', lane: 'interactive', user: 'U1', view },
      { kind: 'publish', key: 'home:U1:2026-06-02T16:00:00.000Z:1', lane: 'interactive', user: 'U1', view },
      { kind: 'publish', key: 'home:U2:event-1', lane: 'scheduled', user: 'U2', view },
    ]);
  });
});
