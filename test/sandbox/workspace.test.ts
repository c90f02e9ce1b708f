import { describe, expect, it } from 'vitest';
import { createTsSequence, formatTs, parseTs } from '../../src/sandbox/slack-ids.ts';
import { createTokenBuckets } from '../../src/sandbox/token-bucket.ts';
import { SlackWorkspace, type WorkspaceSeed } from '../../src/sandbox/workspace.ts';
import { fakeClock, seed } from './sandbox-fixtures.ts';

const modal = (title: string) => ({ type: 'modal', title: { type: 'plain_text', text: title }, blocks: [] });
const titles = (ws: SlackWorkspace, user: string) =>
  ws.openViews(user).map((v) => (v.view.title as { text: string }).text);

describe('SlackWorkspace seed', () => {
  it('fills in the defaults from the contract', () => {
    const ws = new SlackWorkspace({ users: [], channels: [] });
    expect(ws.seed.team).toEqual({ id: 'T0DRUMBEAT', name: 'Drumbeat', domain: 'drumbeat' });
    expect(ws.seed.bot).toEqual({
      userId: 'U0BOT00001',
      botId: 'B0BOT00001',
      appId: 'A0DRUMBEAT',
      name: 'drumbeat',
    });
    expect(ws.seed.tokens).toEqual({ bot: 'xoxb-sandbox-bot', app: 'xapp-sandbox-app' });
    expect(ws.seed.signingSecret).toBe('sandbox-signing-secret');
  });

  it('resolves names, #names and ids, and assigns channel ids', () => {
    const ws = new SlackWorkspace(seed);
    expect(ws.userId('alice')).toBe('U0ALICE001');
    expect(ws.userId('@bob')).toBe('U0BOB00001');
    expect(ws.userId('U0CAROL001')).toBe('U0CAROL001');
    expect(ws.channelId('#sig-node')).toBe('C0000000001');
    expect(ws.channelId('sig-release')).toBe('C0000000002');
    expect(ws.channelId('G0SECRET01')).toBe('G0SECRET01');
    expect(() => ws.userId('zed')).toThrow(/Unknown sandbox user "zed". Known users: drumbeat, alice/);
    expect(() => ws.channelId('#nope')).toThrow(/Unknown sandbox channel "#nope". Known channels: #sig-node/);
  });

  it.each<[string, WorkspaceSeed, RegExp]>([
    [
      'an unknown member',
      { users: [], channels: [{ name: 'a', members: ['ghost'] }] },
      /unknown user "ghost"/,
    ],
    [
      'a bad time zone',
      { users: [{ id: 'U0X0000001', name: 'x', tz: 'Mars/Base' }], channels: [] },
      /Mars\/Base/,
    ],
    ['a duplicate user id', { users: [{ id: 'U0BOT00001', name: 'x' }], channels: [] }, /used twice/],
    ['a bad user id', { users: [{ id: 'alice', name: 'alice' }], channels: [] }, /not a Slack user id/],
    [
      'a bad channel name',
      { users: [], channels: [{ name: 'Sig Node', members: [] }] },
      /not a Slack channel name/,
    ],
    ['a wrong bot token', { users: [], channels: [], tokens: { bot: 'xoxp-1' } }, /must start with "xoxb-"/],
  ])('refuses a seed with %s, saying what to fix', (_name, bad, message) => {
    expect(() => new SlackWorkspace(bad)).toThrow(message);
  });

  it('lists every seed problem at once', () => {
    const bad = { users: [{ id: 'x', name: '' }], channels: [{ name: '#ok', members: ['nobody'] }] };
    expect(() => new SlackWorkspace(bad)).toThrow(
      /not a Slack user id[\s\S]*non-empty[\s\S]*unknown user "nobody"/,
    );
  });
});

describe('SlackWorkspace triggers', () => {
  it('spends a trigger once and expires it on the injected clock', () => {
    const clock = fakeClock();
    const ws = new SlackWorkspace(seed, { now: clock.now, triggerTtlMs: 1000 });
    const t1 = ws.mintTriggerId('alice');
    expect(ws.consumeTrigger(t1)).toEqual({ user: 'U0ALICE001' });
    expect(ws.consumeTrigger(t1)).toEqual({ error: 'exchanged_trigger_id' });
    const t2 = ws.mintTriggerId('bob');
    clock.advance(1001);
    expect(ws.consumeTrigger(t2)).toEqual({ error: 'expired_trigger_id' });
    expect(ws.consumeTrigger('nope')).toEqual({ error: 'invalid_trigger_id' });
  });
});

describe('SlackWorkspace.applyViewResponse', () => {
  const setup = () => {
    const ws = new SlackWorkspace(seed, { now: fakeClock().now });
    const root = ws.openModal('U0ALICE001', modal('root'));
    return { ws, root };
  };

  it.each<[string, unknown, string[]]>([
    ['an empty ack closes the view', undefined, []],
    ['an empty object closes the view', {}, []],
    ['update replaces it', { response_action: 'update', view: modal('updated') }, ['updated']],
    ['push stacks a new one', { response_action: 'push', view: modal('pushed') }, ['root', 'pushed']],
    ['clear closes everything', { response_action: 'clear' }, []],
    ['errors keep it open', { response_action: 'errors', errors: { kep: 'Pick one' } }, ['root']],
  ])('%s', (_name, response, open) => {
    const { ws, root } = setup();
    ws.applyViewResponse(root.id, response);
    expect(titles(ws, 'alice')).toEqual(open);
    expect(ws.view(root.id)?.problem).toBeUndefined();
  });

  it('records field errors on the view', () => {
    const { ws, root } = setup();
    ws.applyViewResponse(root.id, { response_action: 'errors', errors: { kep: 'Pick one' } });
    expect(ws.view(root.id)?.errors).toEqual({ kep: 'Pick one' });
  });

  it('pops only the submitted view off a stack, and clear closes the whole stack', () => {
    const { ws, root } = setup();
    ws.applyViewResponse(root.id, { response_action: 'push', view: modal('second') });
    const second = ws.openViews('alice')[1]!;
    expect(second.stack).toEqual([root.id, second.id]);
    ws.applyViewResponse(second.id, undefined);
    expect(titles(ws, 'alice')).toEqual(['root']);
    ws.applyViewResponse(root.id, { response_action: 'push', view: modal('third') });
    ws.applyViewResponse(ws.topModal('U0ALICE001')!.id, { response_action: 'clear' });
    expect(titles(ws, 'alice')).toEqual([]);
  });

  it.each<[string, unknown, RegExp]>([
    ['an unknown action', { response_action: 'explode' }, /not one of update, push, clear, errors/],
    ['an update without a valid view', { response_action: 'update', view: { type: 'modal' } }, /title/],
    ['errors that are not strings', { response_action: 'errors', errors: { kep: 1 } }, /block_id/],
    ['a string body', 'ok', /must be empty or an object/],
  ])('keeps the view and explains %s', (_name, response, problem) => {
    const { ws, root } = setup();
    ws.applyViewResponse(root.id, response);
    expect(titles(ws, 'alice')).toEqual(['root']);
    expect(ws.view(root.id)?.problem).toMatch(problem);
  });

  it('throws a clear error for an unknown view id', () => {
    const { ws } = setup();
    expect(() => ws.applyViewResponse('V404', {})).toThrow(/no view V404/);
  });
});

describe('SlackWorkspace.failNext', () => {
  it('queues faults per method and spends their times', () => {
    const ws = new SlackWorkspace(seed);
    ws.failNext('chat.postMessage', { status: 500, times: 2 });
    ws.failNext('chat.postMessage', { error: 'channel_is_archived' });
    const taken = [1, 2, 3, 4].map(() => ws.takeFault('chat.postMessage'));
    expect(taken).toEqual([
      { status: 500, times: 2 },
      { status: 500, times: 2 },
      { error: 'channel_is_archived' },
      undefined,
    ]);
    expect(ws.takeFault('chat.update')).toBeUndefined();
  });
});

describe('SlackWorkspace.waitFor and onChange', () => {
  it('resolves as soon as a mutation makes the probe truthy', async () => {
    const ws = new SlackWorkspace(seed);
    const waiting = ws.waitFor(() => ws.messages('sig-node').find((m) => m.text === 'hello'), 1000);
    setTimeout(() => ws.recordMessage({ channel: 'sig-node', user: 'alice', text: 'hello' }), 10);
    await expect(waiting).resolves.toMatchObject({ text: 'hello', user: 'U0ALICE001' });
  });

  it('resolves at once when the probe is already true', async () => {
    const ws = new SlackWorkspace(seed);
    await expect(ws.waitFor(() => 42, 10)).resolves.toBe(42);
  });

  it('rejects saying what it waited for, and why the probe failed', async () => {
    const ws = new SlackWorkspace(seed);
    await expect(ws.waitFor(() => ws.messages('sig-node').length > 0, 50)).rejects.toThrow(
      /waitFor timed out after 50 ms waiting for: .*ws\.messages\("sig-node"\)\.length > 0/,
    );
    await expect(ws.waitFor(() => ws.dms('zed').length, 50, 'a DM to zed')).rejects.toThrow(
      /waiting for: a DM to zed \(the probe last threw: Unknown sandbox user "zed"/,
    );
  });

  it('calls listeners after each mutation until unsubscribed', () => {
    const ws = new SlackWorkspace(seed);
    let count = 0;
    const off = ws.onChange(() => {
      count += 1;
    });
    ws.onChange(() => {
      throw new Error('a broken listener does not stop the others');
    });
    ws.recordMessage({ channel: 'sig-node', user: 'alice', text: 'one' });
    ws.recordEphemeral({
      channel: ws.channelId('sig-node'),
      user: 'U0ALICE001',
      text: 'e',
      blocks: null,
      viaResponseUrl: false,
    });
    off();
    ws.recordMessage({ channel: 'sig-node', user: 'alice', text: 'two' });
    expect(count).toBe(2);
  });
});

describe('slack ids and pacing', () => {
  it.each([
    [1_781_712_000_000_100, '1781712000.000100'],
    [5, '0.000005'],
  ])('formatTs(%i) = %s', (micros, ts) => {
    expect(formatTs(micros)).toBe(ts);
    expect(parseTs(ts)).toBe(micros);
  });

  it.each([['abc'], ['1.2.3'], [''], [null]])('parseTs(%j) is null', (value) => {
    expect(parseTs(value)).toBeNull();
  });

  it('makes strictly increasing ts even when the clock stands still or goes back', () => {
    const next = createTsSequence();
    const at = new Date('2026-06-17T16:00:00Z');
    expect([next(at), next(at), next(new Date(at.getTime() - 5000))]).toEqual([
      '1781712000.000000',
      '1781712000.000001',
      '1781712000.000002',
    ]);
  });

  it.each([
    // [rate, burst, take times (ms), expected result of each take]
    [1, 2, [0, 0, 0], [true, true, 1]],
    [1, 2, [0, 0, 1000], [true, true, true]],
    [0.5, 1, [0, 500], [true, 2]],
    [2, 1, [0, 0], [true, 1]],
  ])('a %s/s bucket of %s', (perChannelPerSecond, burst, times, expected) => {
    const buckets = createTokenBuckets({ perChannelPerSecond, burst });
    const results = times.map((t) => {
      const r = buckets.take('C1', t);
      return r.ok ? true : r.retryAfterSeconds;
    });
    expect(results).toEqual(expected);
  });
});
