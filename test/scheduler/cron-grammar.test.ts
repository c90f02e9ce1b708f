/**
 * One cron grammar: the same inputs drive `drumbeat check` (config validation, through the CLI) and
 * the scheduler (settings from the config, then a pass of `runDueJobs` on a real SQLite file, whose
 * `nextDueAt` is the first round). Whatever `check` accepts opens rounds; whatever it refuses, the
 * scheduler refuses too.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runDueJobs } from '../../src/app/run-due-jobs.ts';
import { runCli } from '../../src/cli/main.ts';
import { parseConfigText } from '../../src/config/load-config.ts';
import type { ResolvedConfig } from '../../src/config/resolved-config.ts';
import { scheduleSettingsFrom } from '../../src/wiring/schedule-settings.ts';
import { RecordingChat, recordingLogger, scheduleDeps } from '../app/schedule-rig.ts';
import { captureIo } from '../cli/cli-io.ts';
import { tempDir, tempStore } from '../db/temp-db.ts';

const now = new Date('2026-03-01T00:00:00Z'); // Saturday 16:00 in Los Angeles (PST)

/** A config whose only SIG gets rounds, on `cron` read in Los Angeles; the cron is on line 10. */
const configWith = (cron: string) => `workspace:
  channels: { pm: "#sig-pm", release: "#sig-release" }
release:
  name: v1.36
  calendar:
    milestones:
      - { name: Start, kind: cycle-start, date: 2026-01-05 }
      - { name: Release, kind: release, date: 2026-04-21 }
sigs:
  defaults: { drumbeat: { cron: ${JSON.stringify(cron)}, timezone: America/Los_Angeles } }
  groups: [{ dir: sig-node, name: Node, channel: "#sig-node" }]
  overrides: { sig-node: { facilitators: [alice-facilitator] } }
people:
  - { github: alice-facilitator, slack: U0000000003 }
`;

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

async function check(cron: string): Promise<{ code: number; stderr: string }> {
  const { dir, cleanup } = tempDir();
  cleanups.push(cleanup);
  fs.writeFileSync(path.join(dir, 'drumbeat.yaml'), configWith(cron));
  const io = captureIo({ cwd: dir });
  const code = await runCli(['check', '--config', 'drumbeat.yaml', '--now', now.toISOString()], io);
  return { code, stderr: io.err };
}

/** A resolved config with `cron` put in after validation, as if `check` had let it through. */
function configRunning(cron: string): ResolvedConfig {
  const loaded = parseConfigText(configWith('0 16 * * 2'), 'drumbeat.yaml');
  if (!loaded.ok) throw new Error(loaded.problems.map((p) => p.message).join('\n'));
  const sigs = loaded.config.sigs.map((sig) => ({ ...sig, drumbeat: { ...sig.drumbeat, cron } }));
  return { ...loaded.config, sigs };
}

/** What the scheduler makes of `cron`: the first round it would open, and what it logged. */
async function schedule(cron: string): Promise<{ firstRound: string | null; refusals: string[] }> {
  const temp = tempStore();
  cleanups.push(temp.cleanup);
  const { settings, roundless } = scheduleSettingsFrom(configRunning(cron));
  const logger = recordingLogger();
  const deps = scheduleDeps(temp.store, new RecordingChat({ now: () => now }), logger);
  const { nextDueAt } = await runDueJobs(deps, { settings, now });
  return { firstRound: nextDueAt?.toISOString() ?? null, refusals: roundless.map((r) => r.reason) };
}

describe('the cron grammar of drumbeat check is the one the scheduler runs', () => {
  it.each([
    ['0 16 * * 2', '2026-03-04T00:00:00.000Z'], // Tuesday 16:00 PST
    ['0 0 16 * * 2', '2026-03-04T00:00:00.000Z'], // six fields, leading seconds
    ['0 9 * * MON', '2026-03-02T17:00:00.000Z'],
    ['*/30 9-10 * * mon-fri', '2026-03-02T17:00:00.000Z'],
    ['@weekly', '2026-03-01T08:00:00.000Z'], // Sunday 00:00 PST
    ['@daily', '2026-03-01T08:00:00.000Z'],
    ['@monthly', '2026-03-01T08:00:00.000Z'],
    ['@hourly', '2026-03-01T01:00:00.000Z'],
    ['30 2 8 3 *', '2026-03-08T10:00:00.000Z'], // 02:30 does not exist that day: runs at the jump
    ['0 16 1,15 * *', '2026-03-02T00:00:00.000Z'],
  ])('accepts %s, and the first round opens at %s', async (cron, firstRound) => {
    const checked = await check(cron);
    expect(checked.stderr).toBe('');
    expect(checked.code).toBe(0);
    expect(await schedule(cron)).toEqual({ firstRound, refusals: [] });
  });

  it.each([
    ['0 16 L * *', 'day-of-month "L": L, W and # are not supported'],
    ['0 16 LW * *', 'day-of-month "LW": L, W and # are not supported'],
    ['0 16 15W * *', 'day-of-month "15W": L, W and # are not supported'],
    ['0 16 * * 2#1', 'day-of-week "2#1": L, W and # are not supported'],
    ['0 16 * * 5L', 'day-of-week "5L": L, W and # are not supported'],
    ['@reboot', 'not a nickname Drumbeat runs; use @yearly, @annually, @monthly, @weekly'],
    ['0 9 30 2 *', 'no month of it has that day-of-month, so it never runs'],
    ['0 9 31 4,6 *', 'no month of it has that day-of-month, so it never runs'],
    ['0 16 * * 8', 'day-of-week "8" is not a day-of-week (0–7)'],
    ['every tuesday', 'has 2 fields; write 5'],
  ])('refuses %s with file:line:col and why, and the scheduler runs no round of it', async (cron, why) => {
    const checked = await check(cron);
    expect(checked.code).toBe(1);
    const [first, ...rest] = checked.stderr.trimEnd().split('\n');
    expect(first).toMatch(
      /^1\. drumbeat\.yaml:10:27 sigs\.defaults\.drumbeat\.cron: expected a cron expression "minute hour day-of-month month day-of-week", e\.g\. "0 16 \* \* 2"; /,
    );
    expect(first).toContain(why);
    expect(rest).toEqual(['drumbeat.yaml: 1 problem; fix it and run `drumbeat check` again.']);
    const scheduled = await schedule(cron);
    expect(scheduled.firstRound).toBeNull();
    expect(scheduled.refusals).toEqual([expect.stringContaining(why)]);
  });
});
