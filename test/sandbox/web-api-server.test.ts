import { afterEach, describe, expect, it } from 'vitest';
import { errorOf, type Sandbox, startSandbox } from './sandbox-fixtures.ts';

const open: Sandbox[] = [];

async function sandbox(options: Parameters<typeof startSandbox>[0] = {}): Promise<Sandbox> {
  const s = await startSandbox(options);
  open.push(s);
  return s;
}

afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.server.close()));
});

const section = (text: string) => ({ type: 'section', text: { type: 'mrkdwn', text } });

describe('web api emulator: transport and auth', () => {
  it('listens on 127.0.0.1 and answers auth.test through the real WebClient', async () => {
    const { server, client, ws } = await sandbox();
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/$/);
    const res = await client.auth.test();
    expect(res).toMatchObject({
      ok: true,
      user_id: 'U0BOT00001',
      bot_id: 'B0BOT00001',
      team_id: 'T0DRUMBEAT',
    });
    expect(ws.calls('auth.test')).toHaveLength(1);
  });

  it.each([
    ['no token', '', {}, 'not_authed'],
    ['a wrong token', 'token=xoxb-wrong', {}, 'invalid_auth'],
    ['a wrong bearer token', '', { Authorization: 'Bearer xoxb-nope' }, 'invalid_auth'],
    ['the app token on a bot method', 'token=xapp-sandbox-app', {}, 'not_allowed_token_type'],
  ])('refuses %s', async (_name, body, headers, error) => {
    const { post, ws } = await sandbox();
    const res = await post('users.list', body, headers);
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ ok: false, error });
    expect(ws.calls('users.list')[0]).toMatchObject({ ok: false, error });
  });

  it('takes form bodies with the token as a field and JSON-encoded blocks', async () => {
    const { post, ws } = await sandbox();
    const blocks = JSON.stringify([section('*hello*')]);
    const form = new URLSearchParams({ token: 'xoxb-sandbox-bot', channel: '#sig-node', text: 'hi', blocks });
    const res = await post('chat.postMessage', form.toString());
    expect(res.json.ok).toBe(true);
    expect(ws.messages('sig-node')[0]?.blocks).toEqual([section('*hello*')]);
    expect(ws.calls('chat.postMessage')[0]?.args).not.toHaveProperty('token');
  });

  it('takes JSON bodies with a Bearer token', async () => {
    const { post, ws } = await sandbox();
    const body = JSON.stringify({ channel: ws.channelId('sig-node'), text: 'from json' });
    const res = await post('chat.postMessage', body, {
      'Content-Type': 'application/json; charset=utf-8',
      Authorization: 'Bearer xoxb-sandbox-bot',
    });
    expect(res.json).toMatchObject({ ok: true, channel: ws.channelId('sig-node') });
  });

  it.each([
    ['an unknown method', 'chat.postMessagez', 'token=xoxb-sandbox-bot', {}, 'unknown_method'],
    ['broken JSON', 'auth.test', '{nope', { 'Content-Type': 'application/json' }, 'invalid_json'],
    ['a JSON array', 'auth.test', '[1]', { 'Content-Type': 'application/json' }, 'json_not_object'],
  ])('answers %s with a platform error and records the call', async (_name, method, body, headers, error) => {
    const { post, ws } = await sandbox();
    const res = await post(method, body, headers);
    expect(res.json).toMatchObject({ ok: false, error });
    expect(ws.calls(method)).toEqual([expect.objectContaining({ method, ok: false, error })]);
  });

  it('answers unknown paths with 404', async () => {
    const { server } = await sandbox();
    const res = await fetch(`${server.origin}/elsewhere`, { method: 'POST' });
    expect(res.status).toBe(404);
  });

  it('answers apps.connections.open with the app token only, via onConnectionsOpen', async () => {
    const { post } = await sandbox({ onConnectionsOpen: async () => 'ws://127.0.0.1:1/link' });
    expect((await post('apps.connections.open', 'token=xapp-sandbox-app')).json).toEqual({
      ok: true,
      url: 'ws://127.0.0.1:1/link',
    });
    expect((await post('apps.connections.open', 'token=xoxb-sandbox-bot')).json.error).toBe(
      'not_allowed_token_type',
    );
  });

  it('explains that apps.connections.open needs a Socket Mode hub when none is wired', async () => {
    const { post } = await sandbox();
    const res = await post('apps.connections.open', 'token=xapp-sandbox-app');
    expect(res.json.ok).toBe(false);
    expect(res.json.response_metadata.messages[0]).toMatch(/onConnectionsOpen/);
  });
});

describe('web api emulator: messages', () => {
  it('posts, threads and reads back through history and replies', async () => {
    const { client, ws, clock } = await sandbox();
    const parent = await client.chat.postMessage({ channel: '#sig-node', text: 'Drumbeat round' });
    clock.advance(1000);
    const reply = await client.chat.postMessage({
      channel: parent.channel!,
      thread_ts: parent.ts!,
      text: 'first',
    });
    ws.recordMessage({ channel: 'sig-node', user: 'alice', text: 'on it', threadTs: parent.ts! });
    expect(reply.message).toMatchObject({ thread_ts: parent.ts, parent_user_id: 'U0BOT00001' });
    expect(ws.messages('#sig-node').map((m) => m.text)).toEqual(['Drumbeat round']);
    expect(ws.replies('sig-node', parent.ts!).map((m) => [m.user, m.text])).toEqual([
      ['U0BOT00001', 'first'],
      ['U0ALICE001', 'on it'],
    ]);
    const history = await client.conversations.history({ channel: parent.channel! });
    expect(history.messages).toHaveLength(1);
    expect(history.messages?.[0]).toMatchObject({
      reply_count: 2,
      reply_users_count: 2,
      thread_ts: parent.ts,
    });
    const replies = await client.conversations.replies({ channel: parent.channel!, ts: parent.ts! });
    expect(replies.messages?.map((m) => m.text)).toEqual(['Drumbeat round', 'first', 'on it']);
  });

  it('makes unique, increasing ts values from now() even within one millisecond', async () => {
    const { client, clock } = await sandbox({ rate: { perChannelPerSecond: 100, burst: 100 } });
    const a = await client.chat.postMessage({ channel: '#sig-node', text: 'a' });
    const b = await client.chat.postMessage({ channel: '#sig-node', text: 'b' });
    expect(a.ts).toBe(`${clock.now().getTime() / 1000}.000000`);
    expect(b.ts).toBe(`${clock.now().getTime() / 1000}.000001`);
  });

  it('returns metadata in history only with include_all_metadata', async () => {
    const { client } = await sandbox();
    const metadata = { event_type: 'drumbeat_post', event_payload: { key: 'round:sig-node:1' } };
    const posted = await client.chat.postMessage({ channel: '#sig-node', text: 'x', metadata });
    const plain = await client.conversations.history({ channel: posted.channel! });
    const withMeta = await client.conversations.history({
      channel: posted.channel!,
      include_all_metadata: true,
    });
    expect(plain.messages?.[0]).not.toHaveProperty('metadata');
    expect(withMeta.messages?.[0]?.metadata).toEqual(metadata);
  });

  it('honours oldest, latest, inclusive, limit and cursor in history', async () => {
    const { client, clock, ws } = await sandbox({ rate: { perChannelPerSecond: 100, burst: 100 } });
    const ts: string[] = [];
    for (const text of ['m1', 'm2', 'm3', 'm4', 'm5']) {
      ts.push((await client.chat.postMessage({ channel: '#sig-node', text })).ts!);
      clock.advance(1000);
    }
    const channel = ws.channelId('sig-node');
    const texts = async (args: Record<string, unknown>) =>
      (await client.conversations.history({ channel, ...args })).messages?.map((m) => m.text);
    expect(await texts({})).toEqual(['m5', 'm4', 'm3', 'm2', 'm1']);
    expect(await texts({ oldest: ts[1], latest: ts[3] })).toEqual(['m3']);
    expect(await texts({ oldest: ts[1], latest: ts[3], inclusive: true })).toEqual(['m4', 'm3', 'm2']);
    const first = await client.conversations.history({ channel, limit: 2 });
    expect(first.messages?.map((m) => m.text)).toEqual(['m5', 'm4']);
    expect(first.has_more).toBe(true);
    const second = await client.conversations.history({
      channel,
      limit: 2,
      cursor: first.response_metadata?.next_cursor ?? '',
    });
    expect(second.messages?.map((m) => m.text)).toEqual(['m3', 'm2']);
    expect(await errorOf(client.conversations.history({ channel, oldest: 'yesterday' }))).toBe(
      'invalid_ts_oldest',
    );
  });

  it.each([
    ['no text or blocks', { channel: '#sig-node' }, 'no_text'],
    ['an unknown channel', { channel: '#nowhere', text: 'x' }, 'channel_not_found'],
    ['a channel without the bot', { channel: '#no-bot', text: 'x' }, 'not_in_channel'],
    ['a private channel without the bot', { channel: 'G0SECRET01', text: 'x' }, 'channel_not_found'],
    ['blocks that are not objects', { channel: '#sig-node', blocks: [42] }, 'invalid_blocks'],
    ['blocks without a type', { channel: '#sig-node', blocks: [{ text: 'x' }] }, 'invalid_blocks'],
    [
      'blocks that are not an array',
      { channel: '#sig-node', blocks: { type: 'divider' } },
      'invalid_blocks_format',
    ],
    ['text over 40000 characters', { channel: '#sig-node', text: 'x'.repeat(40_001) }, 'msg_too_long'],
    [
      'malformed metadata',
      { channel: '#sig-node', text: 'x', metadata: { event_type: 1 } },
      'invalid_metadata_format',
    ],
    ['an unknown thread', { channel: '#sig-node', text: 'x', thread_ts: '1.000001' }, 'thread_not_found'],
  ])('refuses chat.postMessage with %s', async (_name, args, error) => {
    const { client, ws } = await sandbox();
    expect(await errorOf(client.chat.postMessage(args as never))).toBe(error);
    expect(ws.messages('sig-node')).toEqual([]);
  });

  it('explains invalid blocks in response_metadata.messages', async () => {
    const { post } = await sandbox();
    const body = new URLSearchParams({
      token: 'xoxb-sandbox-bot',
      channel: '#sig-node',
      blocks: '[{"text":1}]',
    });
    const res = await post('chat.postMessage', body.toString());
    expect(res.json.error).toBe('invalid_blocks');
    expect(res.json.response_metadata.messages.join('\n')).toMatch(/blocks\[0\]\.type/);
  });

  it('posts to a user id in the bot↔user IM', async () => {
    const { client, ws } = await sandbox();
    const res = await client.chat.postMessage({ channel: 'U0ALICE001', text: 'you have a nudge' });
    expect(res.channel).toMatch(/^D/);
    expect(ws.dms('alice').map((m) => m.text)).toEqual(['you have a nudge']);
    const opened = await client.conversations.open({ users: 'U0ALICE001' });
    expect(opened.channel?.id).toBe(res.channel);
    expect(opened.already_open).toBe(true);
  });

  it('opens a new IM with conversations.open and refuses unknown users', async () => {
    const { client, ws } = await sandbox();
    const opened = await client.conversations.open({ users: 'U0BOB00001', return_im: true });
    expect(opened.channel).toMatchObject({ is_im: true, user: 'U0BOB00001' });
    expect(ws.imWith('U0BOB00001')?.id).toBe(opened.channel?.id);
    expect(await errorOf(client.conversations.open({ users: 'U0NOBODY01' }))).toBe('user_not_found');
    expect(await errorOf(client.conversations.open({} as never))).toBe('users_list_not_supplied');
  });

  it('updates its own messages and refuses others’', async () => {
    const { client, ws } = await sandbox();
    const posted = await client.chat.postMessage({
      channel: '#sig-node',
      text: 'v1',
      blocks: [section('v1')],
    });
    const updated = await client.chat.update({ channel: posted.channel!, ts: posted.ts!, text: 'v2' });
    expect(updated).toMatchObject({ ok: true, ts: posted.ts, text: 'v2' });
    expect(ws.messages('sig-node')[0]).toMatchObject({ text: 'v2', edited: true, blocks: [section('v1')] });
    const human = ws.recordMessage({ channel: 'sig-node', user: 'alice', text: 'mine' });
    const bot = ws.recordMessage({ channel: 'sig-node', user: 'otherbot', text: 'theirs' });
    const channel = posted.channel!;
    expect(await errorOf(client.chat.update({ channel, ts: human.ts, text: 'x' }))).toBe(
      'cant_update_message',
    );
    expect(await errorOf(client.chat.update({ channel, ts: bot.ts, text: 'x' }))).toBe('cant_update_message');
    expect(await errorOf(client.chat.update({ channel, ts: '1.000002', text: 'x' }))).toBe(
      'message_not_found',
    );
  });

  it('records ephemerals for channel members only', async () => {
    const { client, ws } = await sandbox();
    const res = await client.chat.postEphemeral({
      channel: '#sig-node',
      user: 'U0ALICE001',
      text: 'only you',
    });
    expect(res.message_ts).toMatch(/^\d+\.\d{6}$/);
    expect(ws.ephemerals('alice')).toEqual([
      expect.objectContaining({ channel: ws.channelId('sig-node'), text: 'only you', viaResponseUrl: false }),
    ]);
    const carol = client.chat.postEphemeral({ channel: '#sig-node', user: 'U0CAROL001', text: 'x' });
    expect(await errorOf(carol)).toBe('user_not_in_channel');
    expect(ws.ephemerals('carol')).toEqual([]);
  });

  it('adds reactions once and builds permalinks', async () => {
    const { client, ws } = await sandbox();
    const posted = await client.chat.postMessage({ channel: '#sig-node', text: 'vote' });
    await client.reactions.add({ channel: posted.channel!, timestamp: posted.ts!, name: 'white_check_mark' });
    const again = client.reactions.add({
      channel: posted.channel!,
      timestamp: posted.ts!,
      name: 'white_check_mark',
    });
    expect(await errorOf(again)).toBe('already_reacted');
    expect(ws.reactions('sig-node', posted.ts!)).toEqual([
      { name: 'white_check_mark', users: ['U0BOT00001'], count: 1 },
    ]);
    const link = await client.chat.getPermalink({ channel: posted.channel!, message_ts: posted.ts! });
    expect(link.permalink).toBe(
      `https://drumbeat.slack.com/archives/${posted.channel}/p${posted.ts!.replace('.', '')}`,
    );
  });
});

describe('web api emulator: directory', () => {
  it('paginates conversations.list with cursor and limit', async () => {
    const { client } = await sandbox();
    const first = await client.conversations.list({ limit: 1, types: 'public_channel,private_channel' });
    const names = [first.channels?.[0]?.name];
    let cursor = first.response_metadata?.next_cursor;
    while (cursor) {
      const page = await client.conversations.list({
        limit: 1,
        cursor,
        types: 'public_channel,private_channel',
      });
      names.push(...(page.channels ?? []).map((c) => c.name));
      cursor = page.response_metadata?.next_cursor;
    }
    // The private channel the bot is not in stays hidden, as on Slack.
    expect(names).toEqual(['sig-node', 'sig-release', 'no-bot']);
    expect(await errorOf(client.conversations.list({ cursor: 'bogus' }))).toBe('invalid_cursor');
  });

  it('paginates users.list and includes the bot', async () => {
    const { client } = await sandbox();
    const ids: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await client.users.list({ limit: 2, ...(cursor ? { cursor } : {}) });
      ids.push(...(page.members ?? []).map((m) => m.id!));
      cursor = page.response_metadata?.next_cursor || undefined;
    } while (cursor);
    expect(ids).toEqual(['U0BOT00001', 'U0ALICE001', 'U0BOB00001', 'U0CAROL001', 'U0OTHERBOT']);
  });

  it('answers users.info, lookupByEmail, conversations.members and usergroups', async () => {
    const { client, ws } = await sandbox();
    const alice = await client.users.info({ user: 'U0ALICE001' });
    expect(alice.user).toMatchObject({
      name: 'alice',
      real_name: 'Alice Doe',
      tz: 'Europe/Berlin',
      tz_offset: 7200,
    });
    expect((await client.users.lookupByEmail({ email: 'bob@example.com' })).user?.id).toBe('U0BOB00001');
    expect(await errorOf(client.users.lookupByEmail({ email: 'x@y.z' }))).toBe('users_not_found');
    expect(await errorOf(client.users.info({ user: 'U0NOBODY01' }))).toBe('user_not_found');
    const members = await client.conversations.members({ channel: ws.channelId('sig-node') });
    expect(members.members).toEqual(['U0ALICE001', 'U0BOB00001', 'U0OTHERBOT', 'U0BOT00001']);
    const group = await client.usergroups.users.list({ usergroup: 'S0LEADS001' });
    expect(group.users).toEqual(['U0ALICE001', 'U0BOB00001']);
    expect(await errorOf(client.conversations.info({ channel: 'C0NOPE0001' }))).toBe('channel_not_found');
  });
});

describe('web api emulator: views', () => {
  const modal = (title: string, extra: Record<string, unknown> = {}) => ({
    type: 'modal' as const,
    title: { type: 'plain_text' as const, text: title },
    blocks: [section(title)],
    ...extra,
  });

  it('opens a modal with a fresh trigger and refuses a reused one', async () => {
    const { client, ws } = await sandbox();
    const trigger = ws.mintTriggerId('alice');
    const opened = await client.views.open({
      trigger_id: trigger,
      view: modal('Status', { callback_id: 'status' }),
    });
    expect(opened.view).toMatchObject({ type: 'modal', callback_id: 'status', state: { values: {} } });
    expect(ws.openViews('alice').map((v) => v.id)).toEqual([opened.view?.id]);
    expect(await errorOf(client.views.open({ trigger_id: trigger, view: modal('Again') }))).toBe(
      'exchanged_trigger_id',
    );
    expect(await errorOf(client.views.open({ trigger_id: 'made.up', view: modal('X') }))).toBe(
      'invalid_trigger_id',
    );
  });

  it('refuses a trigger used after it expired on the workspace clock', async () => {
    const { client, ws, clock } = await sandbox();
    const trigger = ws.mintTriggerId('alice');
    clock.advance(3001);
    expect(await errorOf(client.views.open({ trigger_id: trigger, view: modal('Late') }))).toBe(
      'expired_trigger_id',
    );
    expect(ws.openViews('alice')).toEqual([]);
  });

  it('refuses a malformed view without spending the trigger', async () => {
    const { client, ws } = await sandbox();
    const trigger = ws.mintTriggerId('alice');
    const bad = client.views.open({ trigger_id: trigger, view: { type: 'modal', blocks: [] } as never });
    expect(await errorOf(bad)).toBe('invalid_arguments');
    expect((await client.views.open({ trigger_id: trigger, view: modal('Fixed') })).ok).toBe(true);
  });

  it('updates by view_id or external_id, checking the hash', async () => {
    const { client, ws } = await sandbox();
    const opened = await client.views.open({
      trigger_id: ws.mintTriggerId('bob'),
      view: modal('A', { external_id: 'ext-1' }),
    });
    const id = opened.view!.id!;
    const byId = await client.views.update({
      view_id: id,
      hash: opened.view!.hash!,
      view: modal('B', { external_id: 'ext-1' }),
    });
    expect(byId.view?.hash).not.toBe(opened.view?.hash);
    const stale = client.views.update({ view_id: id, hash: opened.view!.hash!, view: modal('C') });
    expect(await errorOf(stale)).toBe('hash_conflict');
    await client.views.update({ external_id: 'ext-1', view: modal('D', { external_id: 'ext-1' }) });
    expect(ws.view(id)?.view.title).toEqual({ type: 'plain_text', text: 'D' });
    expect(await errorOf(client.views.update({ view_id: 'V0NOPE0001', view: modal('E') }))).toBe('not_found');
  });

  it('pushes up to three views on a stack', async () => {
    const { client, ws } = await sandbox();
    const root = await client.views.open({ trigger_id: ws.mintTriggerId('alice'), view: modal('1') });
    const second = await client.views.push({ trigger_id: ws.mintTriggerId('alice'), view: modal('2') });
    await client.views.push({ trigger_id: ws.mintTriggerId('alice'), view: modal('3') });
    expect(second.view).toMatchObject({ root_view_id: root.view?.id, previous_view_id: root.view?.id });
    const fourth = client.views.push({ trigger_id: ws.mintTriggerId('alice'), view: modal('4') });
    expect(await errorOf(fourth)).toBe('push_limit_reached');
    expect(ws.openViews('alice').map((v) => (v.view.title as { text: string }).text)).toEqual([
      '1',
      '2',
      '3',
    ]);
    expect(ws.view(root.view!.id!)?.stack).toHaveLength(3);
  });

  it('publishes a Home view per user, keeping its id', async () => {
    const { client, ws } = await sandbox();
    const home = { type: 'home' as const, blocks: [section('Your KEPs')] };
    const first = await client.views.publish({ user_id: 'U0ALICE001', view: home });
    const second = await client.views.publish({
      user_id: 'U0ALICE001',
      view: { ...home, blocks: [section('v2')] },
    });
    expect(second.view?.id).toBe(first.view?.id);
    expect(ws.home('alice')?.view.blocks).toEqual([section('v2')]);
    const stale = client.views.publish({ user_id: 'U0ALICE001', view: home, hash: first.view!.hash! });
    expect(await errorOf(stale)).toBe('hash_conflict');
    expect(await errorOf(client.views.publish({ user_id: 'U0ALICE001', view: modal('x') }))).toBe(
      'invalid_arguments',
    );
  });
});

describe('web api emulator: pacing and faults', () => {
  it('answers 429 with Retry-After past the per-channel rate, then OK after the wait', async () => {
    const { client, clock, ws } = await sandbox({ rate: { perChannelPerSecond: 1, burst: 2 } });
    await client.chat.postMessage({ channel: '#sig-node', text: '1' });
    await client.chat.postMessage({ channel: '#sig-node', text: '2' });
    const limited = await client.chat
      .postMessage({ channel: '#sig-node', text: '3' })
      .catch((e: unknown) => e);
    expect(limited).toMatchObject({ code: 'slack_webapi_rate_limited_error', retryAfter: 1 });
    // Other channels have their own bucket.
    expect((await client.chat.postMessage({ channel: '#sig-release', text: 'elsewhere' })).ok).toBe(true);
    clock.advance(1000);
    expect((await client.chat.postMessage({ channel: '#sig-node', text: '3' })).ok).toBe(true);
    expect(ws.messages('sig-node').map((m) => m.text)).toEqual(['1', '2', '3']);
    expect(ws.calls('chat.postMessage').map((c) => c.error ?? 'ok')).toEqual([
      'ok',
      'ok',
      'ratelimited',
      'ok',
      'ok',
    ]);
  });

  it('sends the Retry-After header and a ratelimited body on the wire', async () => {
    const { post } = await sandbox({ rate: { perChannelPerSecond: 0.25, burst: 1 } });
    const form = 'token=xoxb-sandbox-bot&channel=%23sig-node&text=hi';
    expect((await post('chat.postMessage', form)).status).toBe(200);
    const res = await post('chat.postMessage', form);
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('4');
    expect(res.json).toMatchObject({ ok: false, error: 'ratelimited' });
  });

  it.each([
    [{ status: 500 }, 500, 'internal_error'],
    [{ status: 502, error: 'bad_gateway' }, 502, 'bad_gateway'],
    [{ error: 'channel_is_archived' }, 200, 'channel_is_archived'],
    [{ retryAfter: 7 }, 429, 'ratelimited'],
  ])('injects %j as HTTP %i %s, once', async (failure, status, error) => {
    const { post, ws } = await sandbox();
    ws.failNext('chat.postMessage', failure);
    const form = 'token=xoxb-sandbox-bot&channel=%23sig-node&text=hi';
    const res = await post('chat.postMessage', form);
    expect([res.status, res.json.error]).toEqual([status, error]);
    if (status === 429) expect(res.headers.get('retry-after')).toBe('7');
    expect((await post('chat.postMessage', form)).json.ok).toBe(true);
    expect(ws.messages('sig-node')).toHaveLength(1);
  });

  it('applies a fault given a channel only to calls naming that channel', async () => {
    const { post, ws } = await sandbox();
    ws.failNext('chat.postMessage', { retryAfter: 30, channel: '#sig-node', times: Infinity });
    const to = (channel: string) => `token=xoxb-sandbox-bot&channel=${encodeURIComponent(channel)}&text=hi`;
    expect((await post('chat.postMessage', to('#sig-node'))).status).toBe(429);
    expect((await post('chat.postMessage', to(ws.channelId('sig-node')))).status).toBe(429);
    expect((await post('chat.postMessage', to('#sig-release'))).json.ok).toBe(true);
    ws.clearFaults('chat.postMessage');
    expect((await post('chat.postMessage', to('#sig-node'))).json.ok).toBe(true);
  });

  it('a fault with only a delay answers late but as usual; with an error, late and failed', async () => {
    const { client, ws } = await sandbox();
    ws.failNext('users.info', { delayMs: 150 });
    ws.failNext('users.info', { delayMs: 150, status: 503 });
    const started = Date.now();
    expect((await client.users.info({ user: 'U0ALICE001' })).ok).toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    await expect(client.users.info({ user: 'U0ALICE001' })).rejects.toMatchObject({ statusCode: 503 });
  });

  it('a revoked bot token fails every call with token_revoked until restored', async () => {
    const { client, ws } = await sandbox();
    ws.revokeToken();
    await expect(client.auth.test()).rejects.toMatchObject({ data: { error: 'token_revoked' } });
    await expect(client.chat.postMessage({ channel: '#sig-node', text: 'hi' })).rejects.toMatchObject({
      data: { error: 'token_revoked' },
    });
    ws.restoreToken();
    expect((await client.auth.test()).ok).toBe(true);
  });

  it('repeats a fault `times` times and the WebClient sees an HTTP error', async () => {
    const { client, ws } = await sandbox();
    ws.failNext('users.info', { status: 503, times: 2 });
    const first = await client.users.info({ user: 'U0ALICE001' }).catch((e: unknown) => e);
    expect(first).toMatchObject({ code: 'slack_webapi_http_error', statusCode: 503 });
    await expect(client.users.info({ user: 'U0ALICE001' })).rejects.toMatchObject({ statusCode: 503 });
    expect((await client.users.info({ user: 'U0ALICE001' })).ok).toBe(true);
  });
});
