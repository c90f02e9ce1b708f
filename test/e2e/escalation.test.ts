import { afterEach, describe, expect, it } from 'vitest';
import { type SandboxBot, startSandboxBot } from '../../src/sandbox/start-sandbox-bot.ts';
import { FakeClock } from '../fakes/fake-clock.ts';
import { runUntil, stopFakeTimeSandbox } from './fake-time.ts';

let sandbox: SandboxBot | null = null;
afterEach(async () => {
  await stopFakeTimeSandbox(sandbox);
  sandbox = null;
});

async function start(): Promise<{ sb: SandboxBot; clock: FakeClock }> {
  // Monday 10:00 UTC: two business days later is Wednesday 10:00
  const clock = new FakeClock('2025-10-06T10:00:00Z');
  sandbox = await startSandboxBot({
    mode: 'http',
    clock: { now: () => clock.now() },
    sleep: clock.sleep,
    perChannelIntervalMs: 0,
    workspace: { rate: { perChannelPerSecond: 1_000_000, burst: 1_000_000 } },
  });
  return { sb: sandbox, clock };
}

const isEscalation = (text: string) => text.startsWith('Blocked on sig-auth');
const erinReplies = (ws: SandboxBot['ws']) => ws.ephemerals('erin-enhancements');

describe('blocker escalation through the local workspace', () => {
  it('posts in the blocking SIG at once, in the PM channel after 2 business days; the buttons work; resolution replies in every thread', async () => {
    const { sb, clock } = await start();
    const { ws, driver } = sb;
    const kep = sb.bot.store.keps.list({ owningSig: 'sig-node', latestMilestone: 'v1.35' })[0]!;
    await driver.command(
      'alice-facilitator',
      '#sig-node',
      '/kep-status',
      `${kep.number} blocked blocked by sig-auth`,
    );
    const sigPost = await ws.waitFor(() => ws.messages('#sig-auth').find((m) => isEscalation(m.text)));
    expect(JSON.stringify(sigPost.blocks)).toContain('<@U0000000005>');
    expect(ws.messages('#sig-pm')).toEqual([]);

    await runUntil(sb, clock, '2025-10-08T10:30:00Z');
    // alice declared it: the first step tells sig-node's facilitators, but not her
    expect(ws.dms('alice-facilitator').filter((m) => m.text.startsWith('Blocked on'))).toEqual([]);
    const pm = ws.messages('#sig-pm').filter((m) => isEscalation(m.text));
    expect(pm).toHaveLength(1);
    const post = pm[0]!;
    const body = JSON.stringify(post.blocks);
    expect(body).toContain(`KEP-${kep.number}`);
    expect(body).toContain('Declared by <@U0000000003>');
    expect(body).toContain('Milestone at risk');

    await driver.click('chen-facilitator', {
      channel: '#sig-pm',
      messageTs: post.ts,
      actionId: 'blocker_acknowledge',
    });
    await ws.waitFor(
      () =>
        JSON.stringify(ws.messages('#sig-pm').find((m) => m.ts === post.ts)?.blocks).includes('is on it') ||
        undefined,
    );
    expect(
      sb.bot.store.escalations.get(sb.bot.store.blockers.listOpen({ release: 'v1.35' })[0]!.id)
        ?.acknowledgedBy,
    ).toBe('U0000000005');

    // /kep-status blockers shows the step and the business-day age
    await driver.command('erin-enhancements', '#sig-release', '/kep-status', 'blockers');
    const list = await ws.waitFor(() => ws.ephemerals('erin-enhancements').at(-1));
    expect(JSON.stringify(list.blocks)).toContain('step 2/3 (pm-channel)');
    expect(JSON.stringify(list.blocks)).toContain('open 2d (business days)');

    await driver.click('chen-facilitator', {
      channel: '#sig-pm',
      messageTs: post.ts,
      actionId: 'blocker_resolve',
    });
    const pmReply = await ws.waitFor(() =>
      ws.replies('#sig-pm', post.ts).find((m) => m.text.startsWith('Resolved')),
    );
    expect(pmReply.text).toBe(`Resolved: KEP-${kep.number} unblocked`);
    const sigReply = await ws.waitFor(() =>
      ws.replies('#sig-auth', sigPost.ts).find((m) => m.text.startsWith('Resolved')),
    );
    expect(sigReply.text).toBe(pmReply.text);
    await ws.waitFor(
      () =>
        JSON.stringify(ws.messages('#sig-pm').find((m) => m.ts === post.ts)?.blocks).includes(
          'Every blocker here is resolved',
        ) || undefined,
    );

    // the buttons are gone once every blocker is resolved; later days change nothing
    expect(JSON.stringify(ws.messages('#sig-pm').find((m) => m.ts === post.ts)?.blocks)).not.toContain(
      'blocker_resolve',
    );
    await runUntil(sb, clock, '2025-10-14T10:30:00Z');
    expect(ws.replies('#sig-pm', post.ts).filter((m) => m.text.startsWith('Resolved'))).toHaveLength(1);
    expect(ws.messages('#sig-pm').filter((m) => isEscalation(m.text))).toHaveLength(1);
  });

  it('a status that is no longer blocked posts the resolution at once, across a restart', async () => {
    const { sb, clock } = await start();
    const kep = sb.bot.store.keps.list({ owningSig: 'sig-node', latestMilestone: 'v1.35' })[0]!;
    await sb.driver.command(
      'alice-facilitator',
      '#sig-node',
      '/kep-status',
      `${kep.number} blocked blocked by sig-auth`,
    );
    const sigPost = await sb.ws.waitFor(() => sb.ws.messages('#sig-auth').find((m) => isEscalation(m.text)));
    await sb.restart();
    await runUntil(sb, clock, '2025-10-06T12:00:00Z');
    await sb.driver.command('alice-facilitator', '#sig-node', '/kep-status', `${kep.number} on-track`);
    const reply = await sb.ws.waitFor(() =>
      sb.ws.replies('#sig-auth', sigPost.ts).find((m) => m.text.startsWith('Resolved')),
    );
    expect(reply.text).toBe(`Resolved: KEP-${kep.number} unblocked`);
    expect(sb.ws.messages('#sig-auth').filter((m) => isEscalation(m.text))).toHaveLength(1);
  });

  it('a dependency cycle that is broken is said once, and the remaining blocker climbs again from its age', async () => {
    const { sb, clock } = await start();
    const { ws, driver } = sb;
    const store = sb.bot.store;
    const a = store.keps.list({ owningSig: 'sig-node', latestMilestone: 'v1.35' })[0]!.number;
    const s = store.keps.list({ owningSig: 'sig-storage', latestMilestone: 'v1.35' })[0]!.number;
    await driver.command('alice-facilitator', '#sig-node', '/kep-status', `${a} blocked blocked by #${s}`);
    await driver.command('dana-facilitator', '#sig-storage', '/kep-status', `${s} blocked blocked by #${a}`);
    const cycle = await ws.waitFor(() =>
      ws.messages('#sig-pm').find((m) => m.text.startsWith('Dependency cycle')),
    );

    // a week in the cycle: nothing climbs
    await runUntil(sb, clock, '2025-10-13T10:30:00Z');
    expect(ws.messages('#sig-pm').filter((m) => m.text.startsWith('Blocked on'))).toEqual([]);
    await driver.command('erin-enhancements', '#sig-release', '/kep-status', 'blockers');
    const before = await ws.waitFor(() => ws.ephemerals('erin-enhancements').at(-1));
    expect(JSON.stringify(before.blocks)).toContain('part of a dependency cycle');

    // sig-storage unblocks: the cycle is gone
    await driver.command('dana-facilitator', '#sig-storage', '/kep-status', `${s} on-track`);
    await runUntil(sb, clock, '2025-10-13T10:35:00Z');
    const broken = ws
      .replies('#sig-pm', cycle.ts)
      .filter((m) => m.text.startsWith('Dependency cycle broken'));
    expect(broken).toHaveLength(1);
    // KEP-a's blocker is 5 business days old: the PM channel (2d) and the release lead (4d) hear of it now
    const pm = await ws.waitFor(() => ws.messages('#sig-pm').find((m) => m.text.startsWith('Blocked on')));
    expect(JSON.stringify(pm.blocks)).toContain(`KEP-${a}`);
    const lead = await ws.waitFor(() =>
      ws
        .replies('#sig-pm', pm.ts)
        .find((m) => m.text.includes('U0000000001') || JSON.stringify(m.blocks).includes('<@U0000000001>')),
    );
    expect(lead).toBeDefined();
    const count = erinReplies(ws).length;
    await driver.command('erin-enhancements', '#sig-release', '/kep-status', 'blockers');
    const after = await ws.waitFor(() => erinReplies(ws)[count]);
    expect(JSON.stringify(after.blocks)).toContain('dependency cycle broken, climbing again');
    expect(JSON.stringify(after.blocks)).not.toContain('part of a dependency cycle');

    await runUntil(sb, clock, '2025-10-20T10:35:00Z');
    expect(
      ws.replies('#sig-pm', cycle.ts).filter((m) => m.text.startsWith('Dependency cycle broken')),
    ).toHaveLength(1);
  });
});

describe('drumbeat simulate with injected blockers', () => {
  it('shows the escalation ladder in the timeline', async () => {
    const { loadConfig } = await import('../../src/config/load-config.ts');
    const { exampleConfigFile } = await import('../../src/sandbox/start-sandbox-bot.ts');
    const { parseSimulatedUpdates, simulateRelease } = await import('../../src/sandbox/simulate-release.ts');
    const loaded = await loadConfig(exampleConfigFile);
    if (!loaded.ok) throw new Error('example config does not load');
    const parsed = parseSimulatedUpdates(
      '# a blocker on Monday, declared by the release team\n2025-10-06T09:00Z erin-enhancements #sig-node 5593 blocked blocked by sig-auth\n2025-10-06T09:00Z alice-facilitator #sig-node 1287 blocked blocked by sig-auth\nnot a line\n',
    );
    expect(parsed.problems).toEqual([expect.stringContaining('line 4:')]);
    const result = await simulateRelease({
      config: loaded.config,
      from: new Date('2025-10-06T00:00:00Z'),
      to: new Date('2025-10-10T23:00:00Z'),
      statusUpdates: parsed.updates,
    });
    const escalations = result.posts.filter(
      (p) => /blocking (?:a KEP|\d+ KEPs)/.test(p.text) || p.text.includes('still blocked'),
    );
    const where = escalations.map((p) => `${p.at.toISOString()} ${p.where}${p.inThread ? ' (thread)' : ''}`);
    expect(where).toEqual([
      '2025-10-06T09:00:00.000Z #sig-auth',
      // alice's DM waits for the end of her quiet hours (09:00 in Los Angeles); it is about 5593
      // only: she declared the blocker of 1287 herself
      '2025-10-06T16:00:00.000Z DM @alice-facilitator',
      '2025-10-08T09:00:00.000Z #sig-pm',
      '2025-10-10T09:00:00.000Z #sig-pm (thread)',
    ]);
    const dm = escalations.find((p) => p.where === 'DM @alice-facilitator')!;
    expect(dm.text).toContain('KEP-5593');
    expect(dm.text).not.toContain('KEP-1287');
  });
});
