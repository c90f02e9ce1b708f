import { afterEach, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from './sandbox-fixtures.ts';

const open: Sandbox[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.server.close()));
});

async function setup() {
  const s = await startSandbox();
  open.push(s);
  const posted = await s.client.chat.postMessage({ channel: '#sig-node', text: 'Vote: ship it?' });
  const path = s.ws.createResponseUrlPath({ channel: 'sig-node', user: 'alice', messageTs: posted.ts! });
  const respond = async (body: unknown, url = `${s.server.origin}${path}`) => {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    return { status: res.status, json: (await res.json()) as { ok: boolean; error?: string } };
  };
  return { ...s, posted, path, respond };
}

describe('response_url', () => {
  it('mints paths under /response/', async () => {
    const { path } = await setup();
    expect(path).toMatch(/^\/response\/[0-9a-f]+$/);
  });

  it('records an ephemeral for the user by default', async () => {
    const { respond, ws } = await setup();
    expect((await respond({ text: 'Only you can see this' })).json).toEqual({ ok: true });
    expect(ws.ephemerals('alice')).toEqual([
      expect.objectContaining({
        channel: ws.channelId('sig-node'),
        text: 'Only you can see this',
        viaResponseUrl: true,
      }),
    ]);
    expect(ws.messages('sig-node')).toHaveLength(1);
    expect(ws.calls('response_url')).toEqual([expect.objectContaining({ ok: true })]);
  });

  it("posts in the channel with response_type 'in_channel'", async () => {
    const { respond, ws } = await setup();
    await respond({ response_type: 'in_channel', text: 'Alice voted' });
    expect(ws.messages('sig-node').map((m) => [m.user, m.text])).toEqual([
      ['U0BOT00001', 'Vote: ship it?'],
      ['U0BOT00001', 'Alice voted'],
    ]);
    expect(ws.ephemerals()).toEqual([]);
  });

  it('replaces the original message with replace_original', async () => {
    const { respond, ws, posted } = await setup();
    const blocks = [{ type: 'section', text: { type: 'mrkdwn', text: 'Vote closed' } }];
    await respond({ replace_original: true, text: 'Vote closed', blocks });
    expect(ws.messages('sig-node')).toEqual([
      expect.objectContaining({ ts: posted.ts, text: 'Vote closed', blocks, edited: true }),
    ]);
  });

  it('records a replacing ephemeral when the original was ephemeral', async () => {
    const { ws, server } = await setup();
    const path = ws.createResponseUrlPath({ channel: 'sig-node', user: 'bob' });
    await fetch(`${server.origin}${path}`, {
      method: 'POST',
      body: JSON.stringify({ replace_original: true, text: 'Saved' }),
    });
    expect(ws.ephemerals('bob')).toEqual([expect.objectContaining({ text: 'Saved', replaceOriginal: true })]);
  });

  it('deletes the original with delete_original', async () => {
    const { respond, ws } = await setup();
    await respond({ delete_original: true });
    expect(ws.messages('sig-node')).toEqual([]);
  });

  it.each([
    ['broken JSON', '{oops', 400, 'invalid_payload'],
    ['no text or blocks', { response_type: 'in_channel' }, 400, 'no_text'],
    ['blocks without a type', { blocks: [{ text: 'x' }] }, 400, 'invalid_blocks'],
  ])('refuses %s', async (_name, body, status, error) => {
    const { respond, ws } = await setup();
    const res = await respond(body);
    expect([res.status, res.json.error]).toEqual([status, error]);
    expect(ws.ephemerals()).toEqual([]);
    expect(ws.calls('response_url')).toEqual([expect.objectContaining({ ok: false, error })]);
  });

  it('refuses unknown ids, expired urls and a sixth use', async () => {
    const { respond, server } = await setup();
    expect((await respond({ text: 'x' }, `${server.origin}/response/deadbeef`)).json.error).toBe(
      'expired_url',
    );
    for (let i = 0; i < 5; i += 1) expect((await respond({ text: `use ${i}` })).status).toBe(200);
    expect((await respond({ text: 'sixth' })).json.error).toBe('used_url');
    const fresh = await setup();
    fresh.clock.advance(31 * 60 * 1000);
    expect((await fresh.respond({ text: 'late' })).status).toBe(404);
  });
});
