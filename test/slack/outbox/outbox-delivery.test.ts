import { afterEach, describe, expect, it } from 'vitest';
import { platformError, rateLimited, serverError } from './fake-slack.ts';
import { createRig, interactiveToken, type Rig, scheduledToken, t0 } from './rig.ts';

let rig: Rig;
afterEach(async () => {
  await rig?.cleanup();
});

const at = (ms: number) => t0.getTime() + ms;

describe('outbox: exactly once', () => {
  it('sends a key enqueued twice once, and records where Slack put it', async () => {
    rig = await createRig();
    const msg = {
      kind: 'post',
      key: 'round:sig-node:2026-06-02T16:00Z:parent',
      lane: 'scheduled',
      channel: 'C1',
    } as const;
    const first = rig.outbox.enqueue({ ...msg, text: 'Drumbeat for sig-node' });
    const second = rig.outbox.enqueue({ ...msg, text: 'a different text, same key' });
    expect(first.created).toBe(true);
    expect(second.created).toBe(false);
    expect(second.delivery).toEqual(first.delivery);

    const result = await rig.drive(rig.outbox.drain());
    rig.outbox.enqueue({ ...msg, text: 'and again after it was sent' });
    await rig.drive(rig.outbox.drain());

    expect(result.timedOut).toBe(false);
    const posts = rig.slack.postsWithKey(msg.key);
    expect(posts).toHaveLength(1);
    expect(posts[0]).toMatchObject({ channel: 'C1', text: 'Drumbeat for sig-node', token: scheduledToken });
    expect(posts[0]!.metadata).toEqual({ event_type: 'drumbeat_outbox', event_payload: { key: msg.key } });
    expect(rig.outbox.getDelivery(msg.key)).toEqual({
      key: msg.key,
      status: 'sent',
      channel: 'C1',
      ts: posts[0]!.ts,
      error: null,
      attempts: 1,
    });
    expect(rig.slack.calls).toHaveLength(1);
  });
});

describe('outbox: failures', () => {
  it('backs off on 5xx, looks for the message before re-sending, then delivers once', async () => {
    rig = await createRig();
    let failures = 2;
    rig.slack.intercept((call) =>
      call.method === 'chat.postMessage' && failures-- > 0 ? serverError : undefined,
    );
    rig.outbox.enqueue({ kind: 'post', key: 'k1', lane: 'interactive', channel: 'C1', text: 'hello' });
    await rig.drive(rig.outbox.drain());

    const posts = rig.slack.callsTo('chat.postMessage').map((c) => c.at - t0.getTime());
    // random() = 0.5: equal jitter waits 3/4 of each step (1 s, then 2 s), but never less than
    // the channel's 1 s pacing
    expect(posts).toEqual([0, 1000, 1000 + 1500]);
    // a 5xx may have been processed: each retry first reads the channel history for the key
    expect(rig.slack.callsTo('conversations.history').map((c) => c.at - t0.getTime())).toEqual([1000, 2500]);
    expect(rig.slack.postsWithKey('k1')).toHaveLength(1);
    expect(rig.outbox.getDelivery('k1')).toMatchObject({ status: 'sent', attempts: 3, error: null });
  });

  it('gives up after maxAttempts with the last error', async () => {
    rig = await createRig({ maxAttempts: 3 });
    rig.slack.intercept((call) => (call.method === 'chat.postMessage' ? serverError : undefined));
    rig.outbox.enqueue({ kind: 'post', key: 'k1', lane: 'interactive', channel: 'C1', text: 'hello' });
    await rig.drive(rig.outbox.drain());
    expect(rig.slack.callsTo('chat.postMessage')).toHaveLength(3);
    expect(rig.outbox.getDelivery('k1')).toMatchObject({
      status: 'failed',
      error: 'chat.postMessage: http_500 (gave up after 3 attempts)',
    });
  });

  it.each([
    'channel_not_found',
    'not_in_channel',
    'invalid_blocks',
    'msg_too_long',
    'is_archived',
    'invalid_auth',
  ])('marks a message failed at once on %s and never retries it', async (error) => {
    rig = await createRig();
    rig.slack.intercept((call) => (call.params.channel === 'C1' ? platformError(error) : undefined));
    rig.outbox.enqueue({ kind: 'post', key: 'bad', lane: 'interactive', channel: 'C1', text: 'x' });
    rig.outbox.enqueue({ kind: 'post', key: 'good', lane: 'interactive', channel: 'C2', text: 'y' });
    await rig.drive(rig.outbox.drain());
    expect(rig.slack.calls.filter((c) => c.params.channel === 'C1')).toHaveLength(1);
    expect(rig.outbox.getDelivery('bad')).toMatchObject({
      status: 'failed',
      error: `chat.postMessage: ${error}`,
      attempts: 1,
    });
    expect(rig.outbox.getDelivery('good')).toMatchObject({ status: 'sent' });
  });
});

describe('outbox: pacing', () => {
  it('keeps 1 s between calls to one channel and runs 40 channels in parallel', async () => {
    rig = await createRig();
    const channels = Array.from({ length: 40 }, (_, i) => `C${String(i).padStart(3, '0')}`);
    for (let n = 0; n < 3; n++)
      for (const channel of channels)
        rig.outbox.enqueue({
          kind: 'post',
          key: `${channel}:${n}`,
          lane: 'scheduled',
          channel,
          text: `#${n}`,
        });
    await rig.drive(rig.outbox.drain());

    expect(rig.slack.messages).toHaveLength(120);
    for (const channel of channels) {
      const inChannel = rig.slack.messages.filter((m) => m.channel === channel);
      expect(inChannel.map((m) => m.text)).toEqual(['#0', '#1', '#2']);
      expect(inChannel.map((m) => m.at - t0.getTime())).toEqual([0, 1000, 2000]);
    }
    // the whole fan-out takes as long as the busiest channel (3 messages), not 120 s
    expect(Math.max(...rig.slack.messages.map((m) => m.at))).toBe(at(2000));
  });

  it('survives a 429 storm on one channel: every message once, other channels not delayed', async () => {
    rig = await createRig();
    let storm = 4;
    rig.slack.intercept((call) =>
      call.method === 'chat.postMessage' && call.params.channel === 'CSTORM' && storm-- > 0
        ? rateLimited(5)
        : undefined,
    );
    for (const channel of ['CSTORM', 'CB', 'CC'])
      for (let n = 0; n < 3; n++)
        rig.outbox.enqueue({
          kind: 'post',
          key: `${channel}:${n}`,
          lane: 'interactive',
          channel,
          text: `${n}`,
        });
    await rig.drive(rig.outbox.drain());

    for (const channel of ['CB', 'CC'])
      expect(rig.slack.messages.filter((m) => m.channel === channel).map((m) => m.at)).toEqual([
        at(0),
        at(1000),
        at(2000),
      ]);
    const stormCalls = rig.slack.calls.filter((c) => c.params.channel === 'CSTORM').map((c) => c.at);
    expect(stormCalls).toEqual([at(0), at(5000), at(10000), at(15000), at(20000), at(21000), at(22000)]);
    for (let n = 0; n < 3; n++) expect(rig.slack.postsWithKey(`CSTORM:${n}`)).toHaveLength(1);
    expect(rig.outbox.getDelivery('CSTORM:0')).toMatchObject({ status: 'sent', attempts: 1 });
    expect(rig.logs.filter((l) => l.msg === 'outbox: rate limited').map((l) => l.scope)).toEqual([
      'channel',
      'channel',
      'channel',
      'channel',
    ]);
  });

  it('holds back the scheduled lane’s limited channels while the interactive lane keeps going', async () => {
    rig = await createRig();
    const limitEnds = at(30_000);
    rig.slack.intercept((call) =>
      call.token === scheduledToken && call.at < limitEnds ? rateLimited(30) : undefined,
    );
    for (const channel of ['C1', 'C2', 'C3']) {
      rig.outbox.enqueue({
        kind: 'post',
        key: `digest:${channel}`,
        lane: 'scheduled',
        channel,
        text: 'digest',
      });
      rig.outbox.enqueue({
        kind: 'post',
        key: `reply:${channel}`,
        lane: 'interactive',
        channel,
        text: 'reply',
      });
    }
    const drained = rig.outbox.drain();
    await rig.drive(Promise.resolve());
    const during = rig.outbox.stats();
    await rig.drive(drained);

    const sent = (token: string) => rig.slack.messages.filter((m) => m.token === token);
    expect(sent(interactiveToken).map((m) => m.at)).toEqual([at(0), at(0), at(0)]);
    expect(sent(scheduledToken)).toHaveLength(3);
    for (const m of sent(scheduledToken)) expect(m.at).toBeGreaterThanOrEqual(limitEnds);
    for (const channel of ['C1', 'C2', 'C3'])
      expect(rig.slack.postsWithKey(`digest:${channel}`)).toHaveLength(1);
    expect([...during.lanes.scheduled.rateLimited].sort()).toEqual(['C1', 'C2', 'C3']);
    expect(during.lanes.interactive.rateLimited).toEqual([]);
    expect(during.lanes.interactive.sent).toBe(3);
  });

  it('never lets a limited channel pause another, however many channels are limited', async () => {
    rig = await createRig();
    const limited = new Set(['CA', 'CB']);
    rig.slack.intercept((call) =>
      call.method === 'chat.postMessage' && limited.has(String(call.params.channel)) && call.at < at(60_000)
        ? rateLimited(60)
        : undefined,
    );
    for (const channel of ['CA', 'CB']) {
      rig.outbox.enqueue({ kind: 'post', key: `storm:${channel}`, lane: 'scheduled', channel, text: 'x' });
    }
    const drained = rig.outbox.drain();
    await rig.drive(Promise.resolve());
    // both channels are limited now; a third channel's posts still go at once, paced as usual
    for (let n = 0; n < 3; n++)
      rig.outbox.enqueue({ kind: 'post', key: `calm:${n}`, lane: 'scheduled', channel: 'CC', text: `${n}` });
    await rig.drive(drained);

    expect(rig.slack.messages.filter((m) => m.channel === 'CC').map((m) => m.at)).toEqual([
      at(0),
      at(1000),
      at(2000),
    ]);
    for (const channel of ['CA', 'CB']) {
      const posts = rig.slack.postsWithKey(`storm:${channel}`);
      expect(posts).toHaveLength(1);
      expect(posts[0]!.at).toBe(at(60_000));
    }
    expect(rig.logs.filter((l) => l.msg === 'outbox: rate limited').map((l) => l.scope)).toEqual([
      'channel',
      'channel',
    ]);
  });

  it('a 429 on conversations.open holds back new DMs only, not channel posts', async () => {
    rig = await createRig();
    rig.slack.intercept((call) =>
      call.method === 'conversations.open' && call.at < at(20_000) ? rateLimited(20) : undefined,
    );
    rig.outbox.enqueue({ kind: 'dm', key: 'dm:U1', lane: 'scheduled', user: 'U1', text: 'nudge' });
    const drained = rig.outbox.drain();
    await rig.drive(Promise.resolve());
    rig.outbox.enqueue({ kind: 'post', key: 'post:C1', lane: 'scheduled', channel: 'C1', text: 'alert' });
    const during = rig.outbox.stats();
    await rig.drive(drained);

    expect(rig.slack.postsWithKey('post:C1')[0]!.at).toBe(at(0));
    expect(rig.slack.postsWithKey('dm:U1')[0]!.at).toBe(at(20_000));
    expect(during.lanes.scheduled.pausedMethods).toEqual({ 'conversations.open': new Date(at(20_000)) });
  });
});
