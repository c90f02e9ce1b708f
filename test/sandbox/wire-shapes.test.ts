import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from './sandbox-fixtures.ts';

/** The shape catalogue copied from slackapi/java-slack-sdk (see test/fixtures/slack-shapes/SOURCE.md). */
const samplesDir = fileURLToPath(
  new URL('../fixtures/slack-shapes/java-slack-sdk-json-logs/api/', import.meta.url),
);

function sample(method: string): unknown {
  const file = join(samplesDir, `${method}.json`);
  if (!existsSync(file)) throw new Error(`missing shape sample ${file}`);
  return JSON.parse(readFileSync(file, 'utf8'));
}

/**
 * Paths of keys in `actual` that the sample does not have. Arrays are compared element-wise against
 * the sample's first element; an empty object in the sample stands for "any keys" (e.g. view.state).
 */
function unknownKeys(actual: unknown, model: unknown, path = ''): string[] {
  if (Array.isArray(actual)) {
    const first = Array.isArray(model) ? model[0] : undefined;
    return first === undefined ? [] : actual.flatMap((item, i) => unknownKeys(item, first, `${path}[${i}]`));
  }
  if (typeof actual !== 'object' || actual === null) return [];
  if (typeof model !== 'object' || model === null || Array.isArray(model))
    return [`${path} (not an object in the sample)`];
  const known = model as Record<string, unknown>;
  if (Object.keys(known).length === 0) return [];
  return Object.entries(actual).flatMap(([key, value]) =>
    key in known ? unknownKeys(value, known[key], `${path}.${key}`) : [`${path}.${key}`],
  );
}

describe('responses use only keys that Slack’s own shape samples have', () => {
  let s: Sandbox;
  const raw = async (method: string, args: Record<string, unknown>) => {
    const res = await fetch(`${s.server.url}${method}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${s.ws.seed.tokens.bot}` },
      body: JSON.stringify(args),
    });
    return (await res.json()) as Record<string, unknown>;
  };
  const modal = {
    type: 'modal',
    title: { type: 'plain_text', text: 'Status' },
    blocks: [{ type: 'divider' }],
  };
  const home = { type: 'home', blocks: [{ type: 'divider' }] };
  const metadata = { event_type: 'drumbeat_post', event_payload: { key: 'k' } };
  let posted: { channel: string; ts: string };

  beforeAll(async () => {
    s = await startSandbox({ rate: { perChannelPerSecond: 100, burst: 100 } });
    const res = await raw('chat.postMessage', { channel: '#sig-node', text: 'parent', metadata });
    posted = { channel: res.channel as string, ts: res.ts as string };
    await raw('chat.postMessage', { channel: posted.channel, thread_ts: posted.ts, text: 'reply', metadata });
    s.ws.recordMessage({ channel: 'sig-node', user: 'alice', text: 'human reply', threadTs: posted.ts });
    await raw('reactions.add', { channel: posted.channel, timestamp: posted.ts, name: 'eyes' });
    await raw('chat.update', { channel: posted.channel, ts: posted.ts, text: 'edited parent' });
  });
  afterAll(() => s.server.close());

  const cases: Array<[string, () => Record<string, unknown>, string?]> = [
    ['auth.test', () => ({})],
    [
      'chat.postMessage',
      () => ({ channel: posted.channel, text: 'hi', blocks: [{ type: 'divider' }], metadata }),
    ],
    [
      'chat.postMessage',
      () => ({ channel: posted.channel, thread_ts: posted.ts, text: 'in thread' }),
      'a reply',
    ],
    ['chat.update', () => ({ channel: posted.channel, ts: posted.ts, text: 'again', metadata })],
    ['chat.postEphemeral', () => ({ channel: posted.channel, user: 'U0ALICE001', text: 'psst' })],
    ['chat.getPermalink', () => ({ channel: posted.channel, message_ts: posted.ts })],
    ['conversations.info', () => ({ channel: posted.channel })],
    ['conversations.replies', () => ({ channel: posted.channel, ts: posted.ts, include_all_metadata: true })],
    ['reactions.add', () => ({ channel: posted.channel, timestamp: posted.ts, name: 'tada' })],
    ['users.info', () => ({ user: 'U0ALICE001' })],
    ['users.info', () => ({ user: 'U0BOT00001' }), 'the bot'],
    ['users.lookupByEmail', () => ({ email: 'alice@example.com' })],
    ['views.open', () => ({ trigger_id: s.ws.mintTriggerId('alice'), view: { ...modal, callback_id: 'x' } })],
    ['views.publish', () => ({ user_id: 'U0BOB00001', view: home })],
    ['views.update', () => ({ view_id: s.ws.openViews('alice')[0]?.id, view: modal })],
  ];

  it.each(cases)('%s (%s)', async (method, args) => {
    const response = await raw(method, args());
    expect(response.ok, JSON.stringify(response)).toBe(true);
    expect(unknownKeys(response, sample(method))).toEqual([]);
  });

  it('the checker notices keys the sample lacks', () => {
    expect(unknownKeys({ ok: true, bogus: 1, user: { name: 'x', nope: 2 } }, sample('users.info'))).toEqual([
      '.bogus',
      '.user.nope',
    ]);
  });
});
