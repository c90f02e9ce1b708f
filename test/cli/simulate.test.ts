import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/cli/io.ts';
import { runCli } from '../../src/cli/main.ts';
import { tempDir } from '../db/temp-db.ts';

const repoRoot = path.join(import.meta.dirname, '..', '..');
const checkout = path.join(repoRoot, 'test', 'fixtures', 'k8s');

async function simulate(args: string[], cwd = repoRoot) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { stdout: (t) => out.push(t), stderr: (t) => err.push(t), env: {}, cwd, isTty: false };
  const code = await runCli(['simulate', ...args], io);
  return { code, stdout: out.join(''), stderr: err.join('') };
}

const headers = (stdout: string) => stdout.split('\n').filter((l) => l.startsWith('['));

let cleanup: (() => void) | null = null;
afterEach(() => {
  cleanup?.();
  cleanup = null;
});

describe('drumbeat simulate', () => {
  it('prints every post in time order for the v1.35 fixture calendar', async () => {
    const { code, stdout, stderr } = await simulate([
      '--config',
      'drumbeat.example.yaml',
      '--from',
      '2025-10-06',
      '--to',
      '2025-10-10',
    ]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain('Rounds for: sig-auth, sig-node, sig-scheduling, sig-storage\n');
    expect(stdout).toContain('sig-apps (no facilitators)');
    const lines = headers(stdout);
    expect(lines).toContain('[2025-10-07 16:00 UTC] #sig-node');
    expect(lines).toContain('[2025-10-08 00:00 UTC] #sig-scheduling');
    expect(lines).toContain('[2025-10-08 16:00 UTC] DM @alice-facilitator');
    expect(lines).toContain('[2025-10-09 16:00 UTC] #sig-node (thread reply)');
    expect(lines).toContain('[2025-10-08 12:00 UTC] #sig-release');
    expect(stdout).toContain('# :alarm_clock: Begin Production Readiness Freeze in 2 days');
    const stamps = lines.map((l) => l.slice(1, 21));
    expect(stamps).toEqual([...stamps].sort());
    expect(stdout).toMatch(/\n\d+ posts \(\d+ DMs, \d+ thread replies\) in [\d.]+s of wall time\.\n$/);
  });

  it('works on a release calendar that is not in the fixtures (only the config changes)', async () => {
    const dir = tempDir();
    cleanup = dir.cleanup;
    fs.writeFileSync(
      path.join(dir.dir, 'drumbeat.yaml'),
      [
        'workspace:',
        '  channels: { pm: "#pm", release: "#release-team" }',
        'github:',
        `  localCheckout: ${JSON.stringify(checkout)}`,
        'release:',
        '  name: v1.36',
        '  calendar:',
        '    milestones:',
        '      - { name: Cycle begins, kind: cycle-start, date: 2026-03-02 }',
        '      - { name: PRR Freeze, kind: prr-freeze, at: "2026-03-13T12:00:00Z" }',
        '      - { name: Enhancements Freeze, kind: enhancements-freeze, date: 2026-03-19, aoe: true }',
        '      - { name: v1.36.0 released, kind: release, date: 2026-04-22 }',
        '  alerts: { leadTimes: [7d, 1d, 2h] }',
        '  lead: lead',
        'people:',
        '  - { github: lead, slack: U0000000101, timezone: Europe/Berlin }',
        '  - { github: fac, slack: U0000000102, timezone: America/Los_Angeles }',
        'sigs:',
        '  groups:',
        '    - { dir: sig-node, name: Node, channel: "#node", chairs: [lead] }',
        '  overrides:',
        '    sig-node:',
        '      facilitators: [fac]',
        '      drumbeat: { cron: "0 10 * * 1", timezone: America/Los_Angeles, nudgeAfter: 24h, closeAfter: 72h }',
        '',
      ].join('\n'),
    );
    const { code, stdout, stderr } = await simulate(
      ['--from', '2026-03-01', '--to', '2026-03-13T11:00:00Z', '--config', 'drumbeat.yaml'],
      dir.dir,
    );
    expect(stderr).toBe('');
    expect(code).toBe(0);
    // Mondays 10:00 in Los Angeles: 18:00 UTC before March 8, 17:00 UTC after; the chair's weekly
    // digest on Mondays 09:00 UTC (the default digest cadence)
    expect(headers(stdout)).toEqual([
      '[2026-03-02 09:00 UTC] DM @lead',
      '[2026-03-02 18:00 UTC] #node',
      '[2026-03-03 18:00 UTC] DM @fac',
      '[2026-03-05 18:00 UTC] #node (thread reply)',
      '[2026-03-06 12:00 UTC] #release-team',
      '[2026-03-09 09:00 UTC] DM @lead',
      '[2026-03-09 17:00 UTC] #node',
      '[2026-03-10 17:00 UTC] DM @fac',
      '[2026-03-12 12:00 UTC] #release-team',
      '[2026-03-12 17:00 UTC] #node (thread reply)',
      '[2026-03-13 10:00 UTC] #release-team',
    ]);
    expect(stdout).toContain('# :alarm_clock: PRR Freeze in 7 days');
    expect(stdout).toContain('# :alarm_clock: PRR Freeze in 24 hours');
    expect(stdout).not.toContain('Enhancements Freeze in'); // its first alert is at 2026-03-13 12:00
  });

  it.each([
    [['--from', '2025-09-15'], '--from and --to are required'],
    [['--from', '2025-09-31', '--to', '2025-10-01'], '--from 2025-09-31 is not a date'],
    [['--from', '2025-10-01', '--to', '2025-09-01'], '--to must be after --from'],
    [['--from', '2025-01-01', '--to', '2027-01-01'], 'simulate at most 400 days'],
  ])('refuses %j with exit code 2 and the usage', async (args, problem) => {
    const { code, stderr } = await simulate(args);
    expect(code).toBe(2);
    expect(stderr).toContain(problem);
    expect(stderr).toContain('Usage: drumbeat simulate');
  });

  it('prints every config problem and exits 1', async () => {
    const { code, stderr } = await simulate([
      '--from',
      '2025-09-15',
      '--to',
      '2025-09-20',
      '--config',
      'no-such-file.yaml',
    ]);
    expect(code).toBe(1);
    expect(stderr).toContain('no-such-file.yaml has 1 problem');
  });
});

describe('drumbeat simulate --updates', () => {
  it('sends the given /kep-status commands and shows the blocker climbing the ladder, then resolved', async () => {
    const { code, stdout, stderr } = await simulate([
      '--config',
      'drumbeat.example.yaml',
      '--from',
      '2025-10-06',
      '--to',
      '2025-10-16',
      '--updates',
      'examples/simulate-blockers.txt',
    ]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const pm = stdout.split('\n[').filter((post) => post.includes('] #sig-pm') && post.includes('KEP-5381'));
    expect(pm.length).toBeGreaterThan(0);
    expect(stdout).toMatch(/@lena-release-lead: still blocked on \*sig-node\*/);
    expect(stdout).toMatch(/Resolved: KEP-5381 .* no longer waits on \*sig-node\*/);
  });

  it('refuses an updates file with a bad line, naming the line', async () => {
    const dir = tempDir();
    cleanup = dir.cleanup;
    const file = path.join(dir.dir, 'updates.txt');
    fs.writeFileSync(file, '2025-10-07T10:00Z dana-facilitator #sig-storage 5381 blocked\nnot a line\n');
    const { code, stderr } = await simulate([
      '--config',
      'drumbeat.example.yaml',
      '--from',
      '2025-10-06',
      '--to',
      '2025-10-08',
      '--updates',
      file,
    ]);
    expect(code).toBe(1);
    expect(stderr).toContain('line 2: expected "INSTANT LOGIN #CHANNEL TEXT"');
  });
});
