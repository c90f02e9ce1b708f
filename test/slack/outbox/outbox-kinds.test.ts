import { afterEach, describe, expect, it } from 'vitest';
import { OutboxInputError } from '../../../src/slack/outbox/build-outbox-record.ts';
import type { OutboxMessage } from '../../../src/slack/outbox/types.ts';
import { platformError, serverError } from './fake-slack.ts';
import { createRig, type Rig, t0 } from './rig.ts';

let rig: Rig;
afterEach(async () => {
  await rig?.cleanup();
});

describe('outbox: threads and updates', () => {
  it('holds a threadOf reply until the parent is sent, then threads it under the parent ts', async () => {
    rig = await createRig();
    let parentFailures = 1;
    rig.slack.intercept((call) =>
      call.params.text === 'parent' && parentFailures-- > 0 ? serverError : undefined,
    );
    rig.outbox.enqueue({ kind: 'post', key: 'p', lane: 'scheduled', channel: 'C1', text: 'parent' });
    // the reply goes on the other lane and names no channel: it goes where the parent went
    rig.outbox.enqueue({ kind: 'post', key: 'p:reply', lane: 'interactive', threadOf: 'p', text: 'reply' });
    await rig.drive(rig.outbox.drain());

    const parent = rig.outbox.getDelivery('p')!;
    const reply = rig.slack.postsWithKey('p:reply');
    expect(parent.status).toBe('sent');
    expect(reply).toHaveLength(1);
    expect(reply[0]).toMatchObject({ channel: 'C1', threadTs: parent.ts });
    const parentPost = rig.slack.postsWithKey('p')[0]!;
    expect(reply[0]!.at).toBeGreaterThanOrEqual(parentPost.at);
    expect(rig.outbox.getDelivery('p:reply')).toMatchObject({ status: 'sent', channel: 'C1' });
  });

  it('fails a reply whose parent failed, saying why', async () => {
    rig = await createRig();
    rig.slack.intercept((call) =>
      call.params.channel === 'C1' ? platformError('not_in_channel') : undefined,
    );
    rig.outbox.enqueue({ kind: 'post', key: 'p', lane: 'scheduled', channel: 'C1', text: 'parent' });
    rig.outbox.enqueue({ kind: 'post', key: 'p:reply', lane: 'scheduled', threadOf: 'p', text: 'reply' });
    await rig.drive(rig.outbox.drain());
    expect(rig.outbox.getDelivery('p:reply')).toMatchObject({
      status: 'failed',
      error: 'thread parent "p" failed: chat.postMessage: not_in_channel',
    });
    expect(rig.slack.callsTo('chat.postMessage')).toHaveLength(1);
  });

  it('updates the message sent under another key, and an explicit channel + ts', async () => {
    rig = await createRig();
    rig.outbox.enqueue({
      kind: 'post',
      key: 'vote',
      lane: 'interactive',
      channel: 'C1',
      text: 'vote: 0 ballots',
    });
    rig.outbox.enqueue({
      kind: 'update',
      key: 'vote:tally:1',
      lane: 'interactive',
      target: { key: 'vote' },
      text: 'vote: 1 ballot',
    });
    await rig.drive(rig.outbox.drain());
    const posted = rig.outbox.getDelivery('vote')!;
    rig.outbox.enqueue({
      kind: 'update',
      key: 'vote:tally:2',
      lane: 'interactive',
      target: { channel: 'C1', ts: posted.ts! },
      text: 'vote: 2 ballots',
    });
    await rig.drive(rig.outbox.drain());

    expect(rig.slack.updates.map((c) => [c.params.channel, c.params.ts, c.params.text])).toEqual([
      ['C1', posted.ts, 'vote: 1 ballot'],
      ['C1', posted.ts, 'vote: 2 ballots'],
    ]);
    expect(rig.slack.messages[0]!.text).toBe('vote: 2 ballots');
    expect(rig.outbox.getDelivery('vote:tally:1')).toMatchObject({
      status: 'sent',
      channel: 'C1',
      ts: posted.ts,
    });
  });
});

describe('outbox: DMs, ephemeral messages and App Home', () => {
  it('opens a DM conversation once per user and remembers it across restarts', async () => {
    rig = await createRig();
    for (const n of [1, 2, 3])
      rig.outbox.enqueue({ kind: 'dm', key: `nudge:${n}`, lane: 'scheduled', user: 'U1', text: `${n}` });
    rig.outbox.enqueue({ kind: 'dm', key: 'nudge:u2', lane: 'scheduled', user: 'U2', text: 'hi' });
    await rig.drive(rig.outbox.drain());

    expect(rig.slack.callsTo('conversations.open').map((c) => c.params.users)).toEqual(['U1', 'U2']);
    expect(rig.slack.messages.filter((m) => m.channel === 'DU1').map((m) => m.text)).toEqual(['1', '2', '3']);
    expect(rig.outbox.getDelivery('nudge:2')).toMatchObject({ status: 'sent', channel: 'DU1' });

    const restarted = rig.newOutbox();
    restarted.enqueue({ kind: 'dm', key: 'nudge:4', lane: 'interactive', user: 'U1', text: '4' });
    restarted.enqueue({
      kind: 'dm',
      key: 'nudge:4:reply',
      lane: 'interactive',
      user: 'U1',
      threadOf: 'nudge:4',
      text: 'r',
    });
    await rig.drive(restarted.drain(), restarted);
    expect(rig.slack.callsTo('conversations.open')).toHaveLength(2);
    const dm = restarted.getDelivery('nudge:4')!;
    expect(rig.slack.postsWithKey('nudge:4:reply')[0]).toMatchObject({ channel: 'DU1', threadTs: dm.ts });
  });

  it('sends ephemeral messages and App Home views, and never retries an ephemeral that may have arrived', async () => {
    rig = await createRig();
    rig.slack.intercept((call) =>
      call.method === 'chat.postEphemeral' && call.params.text === 'flaky' ? serverError : undefined,
    );
    rig.outbox.enqueue({
      kind: 'ephemeral',
      key: 'e1',
      lane: 'interactive',
      channel: 'C1',
      user: 'U1',
      text: 'saved',
    });
    rig.outbox.enqueue({
      kind: 'ephemeral',
      key: 'e2',
      lane: 'interactive',
      channel: 'C1',
      user: 'U2',
      text: 'flaky',
    });
    const view = {
      type: 'home' as const,
      blocks: [{ type: 'section' as const, text: { type: 'mrkdwn' as const, text: 'Your KEPs' } }],
    };
    rig.outbox.enqueue({ kind: 'publish', key: 'home:U1:1', lane: 'interactive', user: 'U1', view });
    await rig.drive(rig.outbox.drain());

    // one call each: the one that failed with a 5xx is not tried again
    expect(rig.slack.callsTo('chat.postEphemeral').map((c) => [c.params.user, c.params.text])).toEqual([
      ['U1', 'saved'],
      ['U2', 'flaky'],
    ]);
    expect(rig.slack.ephemerals.map((c) => c.params.user)).toEqual(['U1']);
    expect(rig.outbox.getDelivery('e1')).toMatchObject({ status: 'sent', channel: 'C1' });
    expect(rig.outbox.getDelivery('e2')).toMatchObject({
      status: 'failed',
      error: 'chat.postEphemeral: http_500; not retried: ephemeral messages are sent at most once',
    });
    expect(rig.slack.publishes.map((c) => [c.params.user_id, c.params.view])).toEqual([['U1', view]]);
    expect(rig.outbox.getDelivery('home:U1:1')).toMatchObject({ status: 'sent', ts: null });
  });

  it('waits for notBefore', async () => {
    rig = await createRig();
    const later = new Date(t0.getTime() + 60 * 60_000);
    rig.outbox.enqueue({
      kind: 'post',
      key: 'later',
      lane: 'scheduled',
      channel: 'C1',
      text: 'x',
      notBefore: later,
    });
    rig.outbox.enqueue({ kind: 'post', key: 'now', lane: 'scheduled', channel: 'C2', text: 'y' });
    const partial = await rig.drive(rig.outbox.drain({ until: t0 }));
    expect(partial.counts.scheduled).toMatchObject({ sent: 1, pending: 1 });
    await rig.drive(rig.outbox.drain());
    expect(rig.slack.postsWithKey('later')[0]!.at).toBe(later.getTime());
  });
});

describe('outbox: bad input', () => {
  const post = { kind: 'post', key: 'k', lane: 'interactive', channel: 'C1', text: 'hi' } as const;
  it.each<[string, Record<string, unknown>, RegExp]>([
    ['an empty key', { ...post, key: '' }, /key must be a non-empty string/],
    ['a key too long', { ...post, key: 'k'.repeat(256) }, /at most 255 characters/],
    ['an unknown lane', { ...post, lane: 'urgent' }, /lane must be "interactive" or "scheduled"/],
    ['an unknown kind', { ...post, kind: 'tweet' }, /kind must be one of/],
    ['no text', { ...post, text: ' ' }, /text is required/],
    ['blocks that are not a list', { ...post, blocks: { type: 'section' } }, /blocks must be an array/],
    ['a post with no channel', { ...post, channel: undefined }, /needs a channel id, or threadOf/],
    ['a channel name instead of an id', { ...post, channel: '#sig-node' }, /channel must be a Slack id/],
    ['a bad notBefore', { ...post, notBefore: new Date('nope') }, /notBefore must be a valid Date/],
    [
      'a reply to an unknown parent',
      { ...post, key: 'r', channel: undefined, threadOf: 'ghost' },
      /threadOf "ghost" is not in the outbox; enqueue that message first/,
    ],
    [
      'an update without a target',
      { kind: 'update', key: 'u', lane: 'interactive', text: 'x' },
      /needs target/,
    ],
    [
      'a DM without a user',
      { kind: 'dm', key: 'd', lane: 'interactive', text: 'x' },
      /user must be a Slack id/,
    ],
    [
      'a publish without a home view',
      { kind: 'publish', key: 'h', lane: 'interactive', user: 'U1', view: { type: 'modal' } },
      /type "home"/,
    ],
  ])('refuses %s with a message saying what to fix', async (_name, msg, message) => {
    rig = await createRig();
    expect(() => rig.outbox.enqueue(msg as unknown as OutboxMessage)).toThrow(message);
    expect(() => rig.outbox.enqueue(msg as unknown as OutboxMessage)).toThrow(OutboxInputError);
    expect(rig.outbox.stats().lanes.interactive.pending).toBe(0);
  });
});
