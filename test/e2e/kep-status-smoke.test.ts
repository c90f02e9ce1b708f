import { afterEach, describe, expect, it } from 'vitest';
import { type SandboxBot, startSandboxBot } from '../../src/sandbox/start-sandbox-bot.ts';
import { systemClock } from '../../src/system/system-clock.ts';

describe.each(['http', 'socket'] as const)('/kep-status through the local workspace (%s)', (mode) => {
  let sandbox: SandboxBot | null = null;
  afterEach(async () => {
    await sandbox?.close();
    sandbox = null;
  });

  it('records a one-line update, replies ephemerally and posts it inert in the SIG channel', async () => {
    sandbox = await startSandboxBot({ mode, clock: systemClock });
    const { ws, driver } = sandbox;
    const kep = sandbox.bot.store.keps.list({ owningSig: 'sig-node', latestMilestone: 'v1.35' })[0]!;
    await driver.command(
      'alice-facilitator',
      '#sig-node',
      '/kep-status',
      `${kep.number} at-risk 60% <!channel> waiting on API review`,
    );
    const reply = await ws.waitFor(() => ws.ephemerals('alice-facilitator').at(-1));
    expect(reply.text).toContain(`Recorded KEP-${kep.number}`);
    const post = await ws.waitFor(() => ws.messages('#sig-node').at(-1));
    expect(post.text).toBe(`KEP-${kep.number} at-risk`);
    const section = JSON.stringify(post.blocks);
    expect(section).toContain('&lt;!channel&gt;');
    expect(section).not.toContain('<!channel>');
  });
});

describe('a Slack-compatible server without conversations.list', () => {
  let sandbox: SandboxBot | null = null;
  afterEach(async () => {
    await sandbox?.close();
    sandbox = null;
  });

  it('still gets the posts: the bot falls back to the configured channel names', async () => {
    sandbox = await startSandboxBot({
      mode: 'http',
      clock: systemClock,
      beforeStart: (ws) => ws.failNext('conversations.list', { error: 'unknown_method', times: 5 }),
    });
    const { ws, driver } = sandbox;
    expect(ws.calls('conversations.list').every((c) => !c.ok)).toBe(true);
    const kep = sandbox.bot.store.keps.list({ owningSig: 'sig-node', latestMilestone: 'v1.35' })[0]!;
    await driver.command('alice-facilitator', '#sig-node', '/kep-status', `${kep.number} on-track`);
    const post = await ws.waitFor(() => ws.messages('#sig-node').at(-1));
    expect(post.text).toBe(`KEP-${kep.number} on-track`);
  });
});

describe('a listener that fails', () => {
  it('still answers the person instead of leaving Slack to time out', async () => {
    const sandbox = await startSandboxBot({ mode: 'http', clock: systemClock });
    const { ws, driver } = sandbox;
    try {
      const kep = sandbox.bot.store.keps.list({ owningSig: 'sig-node', latestMilestone: 'v1.35' })[0]!;
      // The database goes away under the running bot: recording the update throws.
      sandbox.bot.store.statusUpdates.record = () => {
        throw new Error('disk I/O error');
      };
      const result = await driver.command(
        'alice-facilitator',
        '#sig-node',
        '/kep-status',
        `${kep.number} on-track`,
      );
      expect(result.status).toBe(200);
      const reply = await ws.waitFor(() => ws.ephemerals('alice-facilitator').at(-1));
      expect(reply.text).toMatch(/^\/kep-status: Sorry, Drumbeat could not finish that/);
      expect(ws.messages('#sig-node')).toHaveLength(0);
    } finally {
      await sandbox.close();
    }
  });
});
