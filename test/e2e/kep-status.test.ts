import { afterEach, describe, expect, it } from 'vitest';
import type { ResolvedConfig } from '../../src/config/resolved-config.ts';
import { encodeRequest, signRequest } from '../../src/sandbox/driver.ts';
import { type SandboxBot, startSandboxBot } from '../../src/sandbox/start-sandbox-bot.ts';
import type { SandboxView, SlackWorkspace } from '../../src/sandbox/workspace.ts';
import { checkMessage, checkView } from '../../src/slack/blocks/limits.ts';
import { actions, blocks, views } from '../../src/slack/ids.ts';
import { statusModalFields } from '../../src/slack/view-state.ts';
import { systemClock } from '../../src/system/system-clock.ts';
import { FakeClock } from '../fakes/fake-clock.ts';

/**
 * The whole `/kep-status` feature through the local Slack workspace: the real bot (Bolt, SQLite,
 * outbox) on a fixed clock inside a coding period that starts 2026-06-15 (four two-week
 * increments; 2026-06-24 is in increment 1, so increments 1–4 cap confidence at 100/80/60/40 %).
 *
 * Example config people: alice (sig-node, sig-storage), bob (sig-scheduling). sig-node's KEPs in
 * v1.35 include 1287 "In-place Update of Pod Resources", 3673, 4622 and 4742.
 */
const alice = 'alice-facilitator';
const aliceId = 'U0000000003';
const bob = 'bob-facilitator';
const now = '2026-06-24T12:00:00Z';

function withCodingPeriod(config: ResolvedConfig): ResolvedConfig {
  const codingPeriod = {
    start: '2026-06-15',
    increments: 4,
    weeksPerIncrement: 2,
    confidenceCaps: [100, 80, 60, 40],
    end: '2026-08-10',
  };
  return { ...config, release: { ...config.release, codingPeriod } };
}

async function start(mode: 'http' | 'socket'): Promise<SandboxBot> {
  const fake = new FakeClock(now);
  return startSandboxBot({
    mode,
    // Bound: startBot hands `clock.now` to the migration runner detached from the clock.
    clock: { now: () => fake.now() },
    editConfig: withCodingPeriod,
    perChannelIntervalMs: 0,
    workspace: { rate: { perChannelPerSecond: 1000, burst: 100 } },
  });
}

type Fields = Partial<Record<keyof typeof statusModalFields, string>>;

/** `view.state.values` in the driver's scalar form: only the inputs given. */
function values(fields: Fields): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const [name, value] of Object.entries(fields)) {
    const field = statusModalFields[name as keyof typeof statusModalFields];
    out[field.block] = { [field.action]: value };
  }
  return out;
}

function blockOf(view: SandboxView, blockId: string): Record<string, unknown> {
  const found = (view.view.blocks as Array<Record<string, unknown>>).find((b) => b.block_id === blockId);
  if (!found) throw new Error(`view ${view.id} has no block ${blockId}`);
  return found;
}

function elementOf(view: SandboxView, blockId: string): Record<string, unknown> {
  return blockOf(view, blockId).element as Record<string, unknown>;
}

const lastEphemeral = (ws: SlackWorkspace, user: string) => ws.ephemerals(user).at(-1);

/** Opens the blank modal with `/kep-status` and returns it. */
async function openModal(sandbox: SandboxBot, user: string, channel = '#sig-node'): Promise<SandboxView> {
  const before = sandbox.ws.openViews(user).length;
  await sandbox.driver.command(user, channel, '/kep-status');
  return sandbox.ws.waitFor(
    () => sandbox.ws.openViews(user).length > before && sandbox.ws.openViews(user).at(-1),
  );
}

describe.each(['http', 'socket'] as const)('/kep-status modal through the local workspace (%s)', (mode) => {
  let sandbox: SandboxBot | null = null;
  afterEach(async () => {
    await sandbox?.close();
    sandbox = null;
  });

  it('opens the form, searches KEPs, records the submission, posts it inert and confirms where it went', async () => {
    sandbox = await start(mode);
    const { ws, driver, bot } = sandbox;
    const result = await driver.command(alice, '#sig-node', '/kep-status');
    expect(result.status).toBe(200);
    const opened = ws.calls('views.open');
    expect(opened).toHaveLength(1);
    expect(opened[0]!.ok).toBe(true);
    expect(opened[0]!.args.trigger_id).toBe(result.triggerId);

    const view = ws.openViews(alice)[0]!;
    expect(view.view.callback_id).toBe(views.kepStatusModal);
    expect(checkView(view.view)).toEqual([]);
    const blockIds = (view.view.blocks as Array<{ block_id?: string }>)
      .map((b) => b.block_id)
      .filter(Boolean);
    expect(blockIds).toEqual([
      blocks.kepStatusKep,
      blocks.kepStatusState,
      blocks.kepStatusConfidence,
      blocks.kepStatusIncrement,
      blocks.kepStatusBlockedBy,
      blocks.kepStatusNote,
    ]);
    expect(elementOf(view, blocks.kepStatusKep).type).toBe('external_select');
    expect(elementOf(view, blocks.kepStatusIncrement).initial_option).toEqual({
      text: { type: 'plain_text', text: 'Increment 1 (weeks 1–2, 2026-06-15 → 2026-06-28)', emoji: true },
      value: '1',
    });
    expect(JSON.parse(String(view.view.private_metadata))).toEqual({
      v: 1,
      channel: ws.channelId('#sig-node'),
    });

    // Type-ahead: title words and number prefixes, over alice's SIGs only.
    const byWords = await driver.options(alice, view.id, actions.kepStatusKepSelect, 'pod resources');
    const wordOptions = (byWords.body as { options: Array<{ value: string; text: { text: string } }> })
      .options;
    expect(wordOptions.map((o) => o.value)).toContain('1287');
    const byNumber = await driver.options(alice, view.id, actions.kepStatusKepSelect, '462');
    const numberOptions = (byNumber.body as { options: Array<{ value: string; text: { text: string } }> })
      .options;
    expect(numberOptions[0]!.value).toBe('4622');
    expect(numberOptions[0]!.text.text.length).toBeLessThanOrEqual(75);
    expect(numberOptions[0]!.text.text).toMatch(/^KEP-4622 New TopologyManager Policy.*…$/);
    const everything = await driver.options(alice, view.id, actions.kepStatusKepSelect, '');
    const all = (everything.body as { options: Array<{ value: string }> }).options.map((o) => o.value);
    expect(all).toContain('5381'); // sig-storage: alice reports for it too
    expect(all).not.toContain('5471'); // sig-scheduling: she does not

    const submitted = await driver.submitView(
      alice,
      view.id,
      values({
        kep: '1287',
        state: 'at-risk',
        confidence: '80',
        increment: '2',
        blockedBy: '#3673, sig-auth',
        note: '<!channel> waiting on API review & more',
      }),
    );
    expect(submitted.status).toBe(200);
    expect(ws.view(view.id)!.closed).toBe(true);

    const kep = bot.store.keps.findByNumber(1287)[0]!;
    const [update] = bot.store.statusUpdates.history(kep.path, 'v1.35', 5);
    expect(update).toMatchObject({ state: 'at-risk', confidence: 80, increment: 2, source: 'modal' });
    expect(update!.note).toBe('<!channel> waiting on API review & more');
    const open = bot.store.blockers.listOpen({ release: 'v1.35', kepPath: kep.path });
    expect(open.map((b) => b.target)).toEqual([
      { type: 'kep', kep: 3673 },
      { type: 'sig', sig: 'sig-auth' },
    ]);

    const post = await ws.waitFor(() => ws.messages('#sig-node').at(-1));
    expect(post.text).toBe('KEP-1287 at-risk');
    const posted = JSON.stringify(post.blocks);
    expect(posted).toContain('&lt;!channel&gt; waiting on API review &amp; more');
    expect(posted).not.toContain('<!channel>');
    expect(checkMessage({ text: post.text, blocks: post.blocks })).toEqual([]);

    const confirmation = await ws.waitFor(() => lastEphemeral(ws, alice));
    expect(confirmation.channel).toBe(ws.channelId('#sig-node'));
    expect(confirmation.text).toBe('Recorded KEP-1287: at-risk');
    expect(JSON.stringify(confirmation.blocks)).toContain(`Posted in <#${ws.channelId('#sig-node')}>`);
  });
});

describe('/kep-status through the local workspace (http)', () => {
  let sandbox: SandboxBot | null = null;
  afterEach(async () => {
    await sandbox?.close();
    sandbox = null;
  });

  it('answers invalid input inside the modal, field by field, and stores nothing', async () => {
    sandbox = await start('http');
    const { ws, driver, bot } = sandbox;
    const view = await openModal(sandbox, alice);
    await driver.submitView(
      alice,
      view.id,
      values({ confidence: 'lots', blockedBy: '#3673, foo, sig-auth', note: 'x'.repeat(2001) }),
    );
    const errors = ws.view(view.id)!.errors!;
    expect(Object.keys(errors).sort()).toEqual(
      [
        blocks.kepStatusKep,
        blocks.kepStatusState,
        blocks.kepStatusConfidence,
        blocks.kepStatusBlockedBy,
        blocks.kepStatusNote,
      ].sort(),
    );
    expect(errors[blocks.kepStatusKep]).toMatch(/Pick a KEP/);
    expect(errors[blocks.kepStatusState]).toMatch(/Pick a state: on-track, at-risk, blocked, done, dropped/);
    expect(errors[blocks.kepStatusConfidence]).toMatch(/whole number from 0 to 100.*"lots"/);
    expect(errors[blocks.kepStatusBlockedBy]).toMatch(/"foo" is not a KEP \(#1234\) or a SIG/);
    expect(errors[blocks.kepStatusNote]).toMatch(/2001 characters long; shorten it to 2000/);
    expect(ws.view(view.id)!.closed).toBe(false);
    expect(ws.view(view.id)!.problem).toBeUndefined();

    const answer = async (fields: Fields) => {
      await driver.submitView(alice, view.id, values({ state: 'on-track', ...fields }));
      return ws.view(view.id)!.errors!;
    };
    expect((await answer({ kep: '99999' }))[blocks.kepStatusKep]).toMatch(
      /KEP-99999 is not a KEP Drumbeat knows/,
    );
    expect((await answer({ kep: '1287', confidence: '101' }))[blocks.kepStatusConfidence]).toMatch(
      /0 to 100/,
    );
    expect(
      (await answer({ kep: '1287', confidence: '90', increment: '2' }))[blocks.kepStatusConfidence],
    ).toBe(
      '90% is above the 80% cap for work landing in weeks 3–4 (1 increment ahead); lower it to 80% or less',
    );
    expect((await answer({ kep: '1287', blockedBy: 'sig-nope' }))[blocks.kepStatusBlockedBy]).toMatch(
      /sig-nope is not a SIG Drumbeat knows/,
    );
    expect((await answer({ kep: '1287', blockedBy: '#1287' }))[blocks.kepStatusBlockedBy]).toMatch(
      /cannot block itself/,
    );
    // A KEP of a SIG alice does not report for: the refusal names who can (as @logins: errors are plain text).
    expect((await answer({ kep: '5471' }))[blocks.kepStatusKep]).toMatch(
      /only the people who report for sig-scheduling may update KEP-5471; .*@bob-facilitator/,
    );
    const kep = bot.store.keps.findByNumber(1287)[0]!;
    expect(bot.store.statusUpdates.history(kep.path, 'v1.35', 5)).toEqual([]);
    expect(ws.messages('#sig-node')).toEqual([]);

    // Fixing the inputs records it.
    await driver.submitView(
      alice,
      view.id,
      values({ kep: '1287', state: 'on-track', confidence: '80', increment: '2' }),
    );
    expect(ws.view(view.id)!.closed).toBe(true);
    expect(bot.store.statusUpdates.history(kep.path, 'v1.35', 5)).toHaveLength(1);
  });

  it('the Edit button on the reply opens the modal pre-filled with the latest update and open blockers', async () => {
    sandbox = await start('http');
    const { ws, driver } = sandbox;
    await driver.command(alice, '#sig-node', '/kep-status', '1287 blocked 70% blocked by #3673 and sig-auth');
    const reply = await ws.waitFor(() => lastEphemeral(ws, alice));
    expect(reply.text).toBe('Recorded KEP-1287: blocked');
    expect(checkMessage({ text: reply.text, blocks: reply.blocks })).toEqual([]);

    const click = await driver.click(alice, { channel: '#sig-node', actionId: actions.kepStatusEdit });
    expect(click.status).toBe(200);
    const view = await ws.waitFor(() => ws.openViews(alice)[0]);
    expect(checkView(view.view)).toEqual([]);
    expect((view.view.title as { text: string }).text).toBe('Update KEP-1287');
    expect((elementOf(view, blocks.kepStatusKep).initial_option as { value: string }).value).toBe('1287');
    expect((elementOf(view, blocks.kepStatusState).initial_option as { value: string }).value).toBe(
      'blocked',
    );
    expect(elementOf(view, blocks.kepStatusConfidence).initial_value).toBe('70');
    expect(elementOf(view, blocks.kepStatusBlockedBy).initial_value).toBe('#3673, sig-auth');
    expect(elementOf(view, blocks.kepStatusNote).initial_value).toBe('blocked by #3673 and sig-auth');
    expect((elementOf(view, blocks.kepStatusIncrement).initial_option as { value: string }).value).toBe('1');

    // Submitting the pre-filled form unchanged keeps the blockers open.
    await driver.submitView(alice, view.id, {});
    expect(ws.view(view.id)!.closed).toBe(true);
    const kep = sandbox.bot.store.keps.findByNumber(1287)[0]!;
    expect(sandbox.bot.store.blockers.listOpen({ release: 'v1.35', kepPath: kep.path })).toHaveLength(2);
    expect(sandbox.bot.store.statusUpdates.history(kep.path, 'v1.35', 5)).toHaveLength(2);
  });

  it("a drumbeat round's Update button opens the modal for its KEP, and refuses someone from another SIG", async () => {
    sandbox = await start('http');
    const { ws, driver } = sandbox;
    const round = ws.appendMessage({
      channel: ws.channelId('#sig-node'),
      threadTs: null,
      user: ws.seed.bot.userId,
      botId: ws.seed.bot.botId,
      text: 'Drumbeat round',
      blocks: [
        {
          type: 'section',
          block_id: 'round:4742',
          text: { type: 'mrkdwn', text: 'KEP-4742' },
          accessory: {
            type: 'button',
            action_id: actions.roundUpdateKep,
            value: '4742',
            text: { type: 'plain_text', text: 'Update' },
          },
        },
      ],
      metadata: null,
    });
    await driver.click(alice, {
      channel: '#sig-node',
      messageTs: round.ts,
      actionId: actions.roundUpdateKep,
    });
    const view = await ws.waitFor(() => ws.openViews(alice)[0]);
    expect((elementOf(view, blocks.kepStatusKep).initial_option as { value: string }).value).toBe('4742');
    expect(elementOf(view, blocks.kepStatusState).initial_option).toBeUndefined();

    await driver.click(bob, { channel: '#sig-node', messageTs: round.ts, actionId: actions.roundUpdateKep });
    const refusal = await ws.waitFor(() => lastEphemeral(ws, bob));
    expect(ws.openViews(bob)).toEqual([]);
    expect(refusal.text).toMatch(/only the people who report for sig-node may update KEP-4742/);
    // The mention of who can update is live (not escaped).
    expect(JSON.stringify(refusal.blocks)).toContain(`<@${aliceId}>`);
  });

  it('tells the person when the form cannot open', async () => {
    sandbox = await start('http');
    const { ws, driver } = sandbox;
    ws.failNext('views.open', { error: 'expired_trigger_id' });
    await driver.command(alice, '#sig-node', '/kep-status');
    const notice = await ws.waitFor(() => lastEphemeral(ws, alice));
    expect(notice.text).toMatch(
      /could not open \(Slack said: expired_trigger_id\).*\/kep-status 4222 on-track/,
    );
    expect(ws.openViews(alice)).toEqual([]);
  });

  it('shows the card, the SIG list and help; unparseable input gets the help', async () => {
    sandbox = await start('http');
    const { ws, driver } = sandbox;
    await driver.command(alice, '#sig-node', '/kep-status', '1287 at-risk 60% waiting on review');
    await driver.command(alice, '#sig-node', '/kep-status', 'KEP-1287');
    const card = await ws.waitFor(
      () => lastEphemeral(ws, alice)?.text.startsWith('KEP-1287:') && lastEphemeral(ws, alice),
    );
    expect(card.text).toBe('KEP-1287: In-place Update of Pod Resources');
    expect(JSON.stringify(card.blocks)).toContain('at-risk*');
    expect(checkMessage({ text: card.text, blocks: card.blocks })).toEqual([]);

    await driver.command(alice, '#sig-node', '/kep-status', 'sig-node');
    const list = lastEphemeral(ws, alice)!;
    expect(list.text).toBe('sig-node KEPs in v1.35');
    expect(JSON.stringify(list.blocks)).toMatch(/sig-node in v1\.35: 7 KEPs/);

    await driver.command(alice, '#sig-node', '/kep-status', 'help');
    expect(lastEphemeral(ws, alice)!.text).toBe('How to use /kep-status');

    await driver.command(alice, '#sig-node', '/kep-status', '1287 sideways');
    const help = lastEphemeral(ws, alice)!;
    expect(help.text).toBe(
      'Not understood: "sideways" is not a state; use one of on-track, at-risk, blocked, done, dropped',
    );
  });

  it('refuses an update from someone who does not report for the SIG, naming who can', async () => {
    sandbox = await start('http');
    const { ws, driver, bot } = sandbox;
    await driver.command(bob, '#sig-node', '/kep-status', '1287 on-track');
    const refusal = lastEphemeral(ws, bob)!;
    expect(refusal.text).toMatch(
      /^Sorry, only the people who report for sig-node may update KEP-1287; sig-node's facilitators and chairs can: /,
    );
    expect(JSON.stringify(refusal.blocks)).toContain(`<@${aliceId}>`);
    const kep = bot.store.keps.findByNumber(1287)[0]!;
    expect(bot.store.statusUpdates.history(kep.path, 'v1.35', 5)).toEqual([]);
  });

  it('suggests the KEP meant when the number is unknown', async () => {
    sandbox = await start('http');
    const { ws, driver } = sandbox;
    await driver.command(alice, '#sig-node', '/kep-status', '1288 on-track');
    expect(lastEphemeral(ws, alice)!.text).toBe(
      'KEP-1288 is not a KEP Drumbeat knows (it reads kubernetes/enhancements). Did you mean KEP-1287 (In-place Update of Pod Resources)?',
    );
  });

  it('caps confidence by the increment the modal set, in the quick form too', async () => {
    sandbox = await start('http');
    const { ws, driver, bot } = sandbox;
    const view = await openModal(sandbox, alice);
    await driver.submitView(
      alice,
      view.id,
      values({ kep: '4742', state: 'on-track', confidence: '50', increment: '3' }),
    );
    expect(ws.view(view.id)!.closed).toBe(true);

    await driver.command(alice, '#sig-node', '/kep-status', '4742 on-track 70%');
    expect(lastEphemeral(ws, alice)!.text).toBe(
      "KEP-4742's previous update put its work in increment 3: cap 60%. 70% is above the 60% cap for work landing in weeks 5–6 (2 increments ahead); lower it to 60% or less; name another increment with `inc N` if the work moved",
    );
    await driver.command(alice, '#sig-node', '/kep-status', '4742 on-track 60%');
    expect(lastEphemeral(ws, alice)!.text).toBe('Recorded KEP-4742: on-track');
    const kep = bot.store.keps.findByNumber(4742)[0]!;
    const history = bot.store.statusUpdates.history(kep.path, 'v1.35', 5);
    expect(history.map((u) => [u.confidence, u.increment, u.source])).toEqual([
      [60, 3, 'command'],
      [50, 3, 'modal'],
    ]);
  });

  it('records blockers named in a note and closes them when a later update is on track', async () => {
    sandbox = await start('http');
    const { ws, driver, bot } = sandbox;
    await driver.command(alice, '#sig-node', '/kep-status', '1287 blocked blocked by #1234 and sig-auth');
    expect(JSON.stringify(lastEphemeral(ws, alice)!.blocks)).toContain(
      'Blockers recorded: KEP-1234, sig-auth',
    );
    await driver.command(alice, '#sig-node', '/kep-status', 'blockers');
    const listed = JSON.stringify(lastEphemeral(ws, alice)!.blocks);
    expect(listed).toContain('KEP-1287 (sig-node) waits on *KEP-1234*');
    expect(listed).toContain('KEP-1287 (sig-node) waits on *sig-auth*');

    await driver.command(alice, '#sig-node', '/kep-status', '1287 on-track API review done');
    expect(JSON.stringify(lastEphemeral(ws, alice)!.blocks)).toContain('Resolved: KEP-1234, sig-auth');
    expect(bot.store.blockers.listOpen({ release: 'v1.35' })).toEqual([]);
  });

  it('records a slash command delivered twice with identical signed bytes once, and posts it once', async () => {
    sandbox = await start('http');
    const { ws, driver, bot } = sandbox;
    const body = encodeRequest(
      'command',
      commandPayload(sandbox, alice, '#sig-node', '1287 at-risk retried'),
    ).body;
    const headers = signedHeaders(ws, body);
    const first = await driver.raw(body, headers);
    const second = await driver.raw(body, headers);
    expect(first.status).toBe(200);
    expect((first.body as { text: string }).text).toBe('Recorded KEP-1287: at-risk');
    expect(second.status).toBe(200);
    expect(second.body).toBeNull();
    await ws.waitFor(() => ws.messages('#sig-node').length > 0);
    await bot.outbox.stop({ drainMs: 2000 }); // everything queued has gone out
    const kep = bot.store.keps.findByNumber(1287)[0]!;
    expect(bot.store.statusUpdates.history(kep.path, 'v1.35', 5)).toHaveLength(1);
    expect(ws.messages('#sig-node')).toHaveLength(1);
  });
  it('records a modal submission delivered twice (new trigger ids, same view and hash) once', async () => {
    sandbox = await start('http');
    const { ws, driver, bot } = sandbox;
    const view = await openModal(sandbox, alice);
    const submit = () => {
      const body = encodeRequest(
        'interactive',
        viewSubmission(sandbox!, alice, view, '3673', 'on-track'),
      ).body;
      return driver.raw(body, signedHeaders(ws, body));
    };
    const first = await submit();
    const second = await submit();
    expect([first.status, second.status]).toEqual([200, 200]);
    await ws.waitFor(() => ws.messages('#sig-node').length > 0);
    await bot.outbox.stop({ drainMs: 2000 });
    const kep = bot.store.keps.findByNumber(3673)[0]!;
    expect(bot.store.statusUpdates.history(kep.path, 'v1.35', 5)).toHaveLength(1);
    expect(ws.messages('#sig-node')).toHaveLength(1);
    expect(ws.ephemerals(alice).filter((e) => e.text === 'Recorded KEP-3673: on-track')).toHaveLength(1);
  });
});

describe('/kep-status through the local workspace (socket)', () => {
  let sandbox: SandboxBot | null = null;
  afterEach(async () => {
    await sandbox?.close();
    sandbox = null;
  });

  it('records a slash command the hub delivers twice (same envelope payload) once', async () => {
    sandbox = await start('socket');
    const { ws, hub, bot } = sandbox;
    const payload = commandPayload(sandbox, alice, '#sig-node', '1287 done shipped');
    const first = await hub!.deliver('slash_commands', payload);
    const second = await hub!.deliver('slash_commands', payload);
    expect((first.ackPayload as { text: string }).text).toBe('Recorded KEP-1287: done');
    expect(second.ackPayload).toEqual({}); // a bare ack: the duplicate was recognised and dropped
    await ws.waitFor(() => ws.messages('#sig-node').length > 0);
    await bot.outbox.stop({ drainMs: 2000 });
    const kep = bot.store.keps.findByNumber(1287)[0]!;
    expect(bot.store.statusUpdates.history(kep.path, 'v1.35', 5)).toHaveLength(1);
    expect(ws.messages('#sig-node')).toHaveLength(1);
  });
});

/** The form fields Slack sends for `/kep-status <text>`, with a fresh trigger_id and response_url. */
function commandPayload(
  sandbox: SandboxBot,
  user: string,
  channel: string,
  text: string,
): Record<string, unknown> {
  const { ws, api } = sandbox;
  const userId = ws.userId(user);
  const channelId = ws.channelId(channel);
  return {
    token: 'sandbox-verification-token',
    team_id: ws.seed.team.id,
    team_domain: ws.seed.team.domain,
    channel_id: channelId,
    channel_name: channel.replace(/^#/, ''),
    user_id: userId,
    user_name: user,
    command: '/kep-status',
    text,
    api_app_id: ws.seed.bot.appId,
    is_enterprise_install: 'false',
    response_url: api.origin + ws.createResponseUrlPath({ channel: channelId, user: userId }),
    trigger_id: ws.mintTriggerId(userId),
  };
}

/** Headers of a signed form POST, as Slack sends them (the signature is over the real clock). */
function signedHeaders(ws: SlackWorkspace, body: string): Record<string, string> {
  const timestamp = Math.floor(systemClock.now().getTime() / 1000);
  return {
    'content-type': 'application/x-www-form-urlencoded',
    'x-slack-request-timestamp': String(timestamp),
    'x-slack-signature': signRequest(ws.seed.signingSecret, timestamp, body),
  };
}

/** A view_submission of the status modal for `kep` and `state`, with a fresh trigger_id each time. */
function viewSubmission(
  sandbox: SandboxBot,
  user: string,
  view: SandboxView,
  kep: string,
  state: string,
): Record<string, unknown> {
  const { ws } = sandbox;
  const userId = ws.userId(user);
  const option = (value: string) => ({ text: { type: 'plain_text', text: value }, value });
  const f = statusModalFields;
  return {
    type: 'view_submission',
    team: { id: ws.seed.team.id, domain: ws.seed.team.domain },
    user: { id: userId, username: user, name: user, team_id: ws.seed.team.id },
    api_app_id: ws.seed.bot.appId,
    token: 'sandbox-verification-token',
    trigger_id: ws.mintTriggerId(userId),
    view: {
      ...view.view,
      id: view.id,
      hash: view.hash,
      type: 'modal',
      team_id: ws.seed.team.id,
      app_id: ws.seed.bot.appId,
      bot_id: ws.seed.bot.botId,
      root_view_id: view.id,
      previous_view_id: null,
      state: {
        values: {
          [f.kep.block]: { [f.kep.action]: { type: 'external_select', selected_option: option(kep) } },
          [f.state.block]: { [f.state.action]: { type: 'static_select', selected_option: option(state) } },
          [f.confidence.block]: { [f.confidence.action]: { type: 'number_input', value: null } },
          [f.increment.block]: {
            [f.increment.action]: { type: 'static_select', selected_option: option('1') },
          },
          [f.blockedBy.block]: { [f.blockedBy.action]: { type: 'plain_text_input', value: null } },
          [f.note.block]: { [f.note.action]: { type: 'plain_text_input', value: null } },
        },
      },
    },
    response_urls: [],
    is_enterprise_install: false,
    enterprise: null,
  };
}
