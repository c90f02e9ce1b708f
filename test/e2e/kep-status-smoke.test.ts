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
    const kep = sandbox.bot.ctx.store.keps.list({ owningSig: 'sig-node', latestMilestone: 'v1.35' })[0]!;
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
