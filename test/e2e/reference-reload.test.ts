import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type SandboxBot, startSandboxBot } from '../../src/sandbox/start-sandbox-bot.ts';
import { systemClock } from '../../src/system/system-clock.ts';
import { recordingLogger } from '../app/schedule-rig.ts';
import { writeTree } from '../wiring/reference-reload-rig.ts';

describe('the running bot after its config changes on disk', () => {
  let sandbox: SandboxBot | null = null;
  let root = '';
  afterEach(async () => {
    await sandbox?.close();
    sandbox = null;
    rmSync(root, { recursive: true, force: true });
  });

  it('lets a newly named facilitator update the SIG after the next pass, without a restart', async () => {
    root = mkdtempSync(join(tmpdir(), 'drumbeat-reload-'));
    writeTree(root);
    const configFile = join(root, 'drumbeat.yaml');
    const logger = recordingLogger();
    sandbox = await startSandboxBot({ mode: 'http', clock: systemClock, configFile, logger });
    const { ws, driver, bot } = sandbox;
    expect(bot.reload).not.toBeNull();
    const kep = bot.store.keps.list({ owningSig: 'sig-node', latestMilestone: 'v1.35' })[0]!;

    await driver.command('bob-facilitator', '#sig-node', '/kep-status', `${kep.number} on-track`);
    const refused = await ws.waitFor(() => ws.ephemerals('bob-facilitator').at(-1));
    expect(refused.text).toMatch(/^Sorry, only the people who report for sig-node may update/);
    expect(ws.messages('#sig-node')).toHaveLength(0);

    const text = readFileSync(configFile, 'utf8');
    const edited = text.replace(
      /(sig-node:\n\s+channel: "#sig-node"\n\s+facilitators: )\[alice-facilitator\]/,
      '$1[alice-facilitator, bob-facilitator]',
    );
    expect(edited).not.toBe(text);
    writeFileSync(configFile, edited);
    await bot.scheduler!.runNow();
    expect(logger.lines.filter((l) => l.startsWith('info reference data reloaded'))).toEqual([
      expect.stringContaining('SIGs +0/−0/~1'),
    ]);

    await driver.command('bob-facilitator', '#sig-node', '/kep-status', `${kep.number} on-track`);
    const recorded = await ws.waitFor(() =>
      ws.ephemerals('bob-facilitator').find((m) => m.text.includes(`Recorded KEP-${kep.number}`)),
    );
    expect(recorded).toBeDefined();
    const post = await ws.waitFor(() => ws.messages('#sig-node').at(-1));
    expect(post.text).toBe(`KEP-${kep.number} on-track`);
  });
});
